package synth

// The word and phrase lists the generator assembles practices from. Every
// text comes as a pair: index 0 is Spanish, index 1 English (used for every
// language other than Spanish). The lists avoid the words that the sensitive
// data checks look for ("expediente", "causa", the letters t-o-d-o), e-mail
// addresses, long digit runs and any HTML.

type pair [2]string

// Vocabularies of the sample catalog.yaml.
var (
	themeSlugs = []string{
		"awareness-raising", "education", "demand-reduction", "ethical-recruitment",
		"labour-inspection", "safe-migration", "online-exploitation",
		"victim-identification", "referral-mechanism", "immediate-assistance", "shelter",
		"psychosocial-care", "legal-assistance", "hotline", "return-reintegration",
		"economic-autonomy", "child-protection",
		"specialised-units", "investigation", "victim-witness-protection", "judicial-training",
		"compensation",
		"inter-agency-coordination", "national-commission", "policy-plan", "legislation",
		"regional-cooperation", "civil-society", "private-sector", "data-research",
		"capacity-building",
	}
	targetGroupSlugs = []string{
		"adult-victims", "child-victims", "migrants", "indigenous-peoples", "lgbti",
		"officials", "general-public",
	}
	exploitationFormSlugs = []string{
		"sexual", "forced-labour", "domestic-servitude", "slavery-servitude", "forced-begging",
		"forced-criminality", "forced-marriage", "illegal-adoption", "organ-removal",
	}
	criterionSlugs = []string{
		"effectiveness", "sustainability", "replicability", "innovation", "participation",
		"victim-centred", "gender-sensitive", "child-rights",
	}
	scopes          = []string{"local", "subnational", "national", "binational", "regional"}
	instTypes       = []string{"government", "judiciary", "prosecution", "police", "ngo", "international", "private", "academia"}
	instTypeWeights = []int{30, 8, 15, 12, 15, 10, 5, 5}
	ratings         = []string{"evidenced", "reported", "not-assessed"}
	levels          = []string{"good", "promising", "emerging"}
	exchangeKinds   = []string{"internship", "study-visit", "adaptation"}
)

// country is one Latin American country the generator places practices in.
type country struct {
	alpha2, alpha3 string
	of             pair // "de Costa Rica", "of Costa Rica"
	name           pair
	gov            string // second-level domain of its government sites
}

var countries = []country{
	{"AR", "ARG", pair{"de Argentina", "of Argentina"}, pair{"Argentina", "Argentina"}, "gob.ar"},
	{"BO", "BOL", pair{"de Bolivia", "of Bolivia"}, pair{"Bolivia", "Bolivia"}, "gob.bo"},
	{"BR", "BRA", pair{"de Brasil", "of Brazil"}, pair{"Brasil", "Brazil"}, "gov.br"},
	{"BZ", "BLZ", pair{"de Belice", "of Belize"}, pair{"Belice", "Belize"}, "gov.bz"},
	{"CL", "CHL", pair{"de Chile", "of Chile"}, pair{"Chile", "Chile"}, "gob.cl"},
	{"CO", "COL", pair{"de Colombia", "of Colombia"}, pair{"Colombia", "Colombia"}, "gov.co"},
	{"CR", "CRI", pair{"de Costa Rica", "of Costa Rica"}, pair{"Costa Rica", "Costa Rica"}, "go.cr"},
	{"DO", "DOM", pair{"de la República Dominicana", "of the Dominican Republic"}, pair{"República Dominicana", "the Dominican Republic"}, "gob.do"},
	{"EC", "ECU", pair{"del Ecuador", "of Ecuador"}, pair{"Ecuador", "Ecuador"}, "gob.ec"},
	{"GT", "GTM", pair{"de Guatemala", "of Guatemala"}, pair{"Guatemala", "Guatemala"}, "gob.gt"},
	{"HN", "HND", pair{"de Honduras", "of Honduras"}, pair{"Honduras", "Honduras"}, "gob.hn"},
	{"MX", "MEX", pair{"de México", "of Mexico"}, pair{"México", "Mexico"}, "gob.mx"},
	{"NI", "NIC", pair{"de Nicaragua", "of Nicaragua"}, pair{"Nicaragua", "Nicaragua"}, "gob.ni"},
	{"PA", "PAN", pair{"de Panamá", "of Panama"}, pair{"Panamá", "Panama"}, "gob.pa"},
	{"PE", "PER", pair{"del Perú", "of Peru"}, pair{"Perú", "Peru"}, "gob.pe"},
	{"PY", "PRY", pair{"del Paraguay", "of Paraguay"}, pair{"Paraguay", "Paraguay"}, "gov.py"},
	{"SV", "SLV", pair{"de El Salvador", "of El Salvador"}, pair{"El Salvador", "El Salvador"}, "gob.sv"},
	{"UY", "URY", pair{"del Uruguay", "of Uruguay"}, pair{"Uruguay", "Uruguay"}, "gub.uy"},
	{"VE", "VEN", pair{"de Venezuela", "of Venezuela"}, pair{"Venezuela", "Venezuela"}, "gob.ve"},
}

// kind is what a practice is; it gives the title, the ID's slug and the
// themes the practice most likely covers.
type kind struct {
	name   pair
	slug   string
	themes []string
}

var kinds = []kind{
	{pair{"Equipo de respuesta inmediata", "Rapid response team"}, "equipo-respuesta-inmediata", []string{"immediate-assistance", "victim-identification"}},
	{pair{"Protocolo de identificación de víctimas", "Victim identification protocol"}, "protocolo-identificacion", []string{"victim-identification", "referral-mechanism"}},
	{pair{"Mecanismo nacional de derivación", "National referral mechanism"}, "mecanismo-derivacion", []string{"referral-mechanism", "inter-agency-coordination"}},
	{pair{"Mesa interinstitucional contra la trata", "Inter-agency round table against trafficking"}, "mesa-interinstitucional", []string{"inter-agency-coordination", "national-commission"}},
	{pair{"Unidad fiscal especializada", "Specialised prosecution unit"}, "unidad-fiscal", []string{"specialised-units", "investigation"}},
	{pair{"Línea gratuita de denuncia", "Free reporting hotline"}, "linea-denuncia", []string{"hotline", "awareness-raising"}},
	{pair{"Red de albergues especializados", "Network of specialised shelters"}, "red-albergues", []string{"shelter", "immediate-assistance"}},
	{pair{"Programa de reintegración económica", "Economic reintegration programme"}, "reintegracion-economica", []string{"economic-autonomy", "return-reintegration"}},
	{pair{"Campaña de prevención en escuelas", "School prevention campaign"}, "prevencion-escuelas", []string{"education", "awareness-raising", "child-protection"}},
	{pair{"Inspección laboral focalizada", "Targeted labour inspection"}, "inspeccion-laboral", []string{"labour-inspection", "ethical-recruitment"}},
	{pair{"Formación judicial especializada", "Specialised judicial training"}, "formacion-judicial", []string{"judicial-training", "capacity-building"}},
	{pair{"Sistema unificado de registro de casos", "Unified case registration system"}, "registro-casos", []string{"data-research", "inter-agency-coordination"}},
	{pair{"Acuerdo binacional de cooperación", "Binational cooperation agreement"}, "acuerdo-binacional", []string{"regional-cooperation"}},
	{pair{"Modelo de atención psicosocial", "Psychosocial care model"}, "atencion-psicosocial", []string{"psychosocial-care"}},
	{pair{"Servicio de asistencia jurídica gratuita", "Free legal aid service"}, "asistencia-juridica", []string{"legal-assistance", "compensation"}},
	{pair{"Código de conducta para el sector turístico", "Code of conduct for the tourism sector"}, "codigo-conducta-turismo", []string{"private-sector", "demand-reduction"}},
	{pair{"Observatorio de la trata de personas", "Trafficking in persons observatory"}, "observatorio", []string{"data-research"}},
	{pair{"Plan nacional contra la trata", "National anti-trafficking plan"}, "plan-nacional", []string{"policy-plan", "national-commission"}},
	{pair{"Patrullaje cibernético preventivo", "Preventive cyber patrolling"}, "patrullaje-cibernetico", []string{"online-exploitation", "investigation"}},
	{pair{"Ventanilla de migración segura", "Safe migration help desk"}, "migracion-segura", []string{"safe-migration"}},
	{pair{"Programa de protección de testigos", "Witness protection programme"}, "proteccion-testigos", []string{"victim-witness-protection"}},
	{pair{"Red comunitaria de alerta temprana", "Community early warning network"}, "alerta-temprana", []string{"civil-society", "awareness-raising"}},
	{pair{"Fondo de reparación a víctimas", "Victim compensation fund"}, "fondo-reparacion", []string{"compensation"}},
	{pair{"Reforma de la ley integral contra la trata", "Reform of the comprehensive anti-trafficking law"}, "reforma-ley", []string{"legislation"}},
	{pair{"Protocolo de retorno asistido", "Assisted return protocol"}, "retorno-asistido", []string{"return-reintegration", "safe-migration"}},
	{pair{"Certificación de agencias de empleo", "Certification of recruitment agencies"}, "certificacion-agencias", []string{"ethical-recruitment", "private-sector"}},
	{pair{"Curso virtual para el funcionariado", "Online course for public officials"}, "curso-virtual", []string{"capacity-building"}},
	{pair{"Unidad policial de investigación", "Police investigation unit"}, "unidad-policial", []string{"specialised-units", "investigation"}},
}

var qualifiers = []pair{
	{"para víctimas de trata", "for trafficking victims"},
	{"en zonas fronterizas", "in border areas"},
	{"con enfoque comunitario", "with a community approach"},
	{"para niñas, niños y adolescentes", "for children and adolescents"},
	{"en comunidades indígenas", "in indigenous communities"},
	{"para personas migrantes", "for migrants"},
	{"en el sector agrícola", "in the agricultural sector"},
	{"con enfoque de género", "with a gender perspective"},
	{"a nivel departamental", "at departmental level"},
	{"en la región amazónica", "in the Amazon region"},
}

var programmeNames = []pair{
	{"Ruta Segura", "Safe Route"}, {"Puentes", "Bridges"}, {"Horizonte", "Horizon"},
	{"Mano Amiga", "Helping Hand"}, {"Voces", "Voices"}, {"Faro", "Lighthouse"},
	{"Raíces", "Roots"}, {"Semilla", "Seed"}, {"Nuevo Camino", "New Path"}, {"Alas", "Wings"},
}

// institution templates: perCountry ones get "de PAÍS" appended.
type instTemplate struct {
	name       pair
	acronym    string
	perCountry bool
	domain     string // for international bodies
}

var institutionsByType = map[string][]instTemplate{
	"government": {
		{pair{"Ministerio de Seguridad Pública", "Ministry of Public Security"}, "MSP", true, ""},
		{pair{"Ministerio de Trabajo", "Ministry of Labour"}, "MT", true, ""},
		{pair{"Ministerio de Desarrollo Social", "Ministry of Social Development"}, "MIDES", true, ""},
		{pair{"Ministerio de Relaciones Exteriores", "Ministry of Foreign Affairs"}, "MRE", true, ""},
		{pair{"Dirección General de Migración", "General Directorate of Migration"}, "DGM", true, ""},
		{pair{"Instituto Nacional de las Mujeres", "National Institute for Women"}, "INAMU", false, ""},
		{pair{"Secretaría de Niñez, Adolescencia y Familia", "Secretariat for Children, Adolescents and Families"}, "SENAF", false, ""},
		{pair{"Comisión Nacional contra la Trata de Personas", "National Commission against Trafficking in Persons"}, "CONATT", false, ""},
		{pair{"Defensoría del Pueblo", "Ombudsman's Office"}, "DP", true, ""},
	},
	"judiciary": {
		{pair{"Poder Judicial", "Judiciary"}, "PJ", true, ""},
		{pair{"Corte Suprema de Justicia", "Supreme Court of Justice"}, "CSJ", true, ""},
		{pair{"Escuela Judicial", "Judicial School"}, "EJ", true, ""},
		{pair{"Juzgado Especializado en Trata de Personas", "Specialised Court on Trafficking in Persons"}, "JETP", false, ""},
	},
	"prosecution": {
		{pair{"Fiscalía General", "Office of the Attorney General"}, "FG", true, ""},
		{pair{"Ministerio Público", "Public Prosecutor's Office"}, "MP", true, ""},
		{pair{"Fiscalía Especializada contra la Trata de Personas", "Special Prosecutor's Office against Trafficking in Persons"}, "FETP", false, ""},
		{pair{"Unidad de Protección de Víctimas y Testigos", "Victim and Witness Protection Unit"}, "UPVT", false, ""},
	},
	"police": {
		{pair{"Policía Nacional", "National Police"}, "PN", true, ""},
		{pair{"Policía Nacional Civil", "National Civil Police"}, "PNC", true, ""},
		{pair{"División de Investigación Criminal", "Criminal Investigation Division"}, "DIC", false, ""},
		{pair{"Policía de Migración y Fronteras", "Migration and Border Police"}, "PMF", false, ""},
	},
	"ngo": {
		{pair{"Fundación Camino Seguro", "Safe Path Foundation"}, "FCS", false, ""},
		{pair{"Asociación Mujeres en Acción", "Women in Action Association"}, "AMA", false, ""},
		{pair{"Red de Albergues Esperanza", "Esperanza Shelter Network"}, "RAE", false, ""},
		{pair{"Colectivo Nuevas Rutas", "Colectivo Nuevas Rutas"}, "", false, ""},
		{pair{"Centro de Derechos Humanos Raíces", "Raíces Human Rights Centre"}, "CDHR", false, ""},
		{pair{"Fundación Pasos Libres", "Fundación Pasos Libres"}, "", false, ""},
	},
	"international": {
		{pair{"Organización Internacional para las Migraciones", "International Organization for Migration"}, "OIM", false, "iom.int"},
		{pair{"Oficina de las Naciones Unidas contra la Droga y el Delito", "United Nations Office on Drugs and Crime"}, "UNODC", false, "unodc.org"},
		{pair{"Fondo de las Naciones Unidas para la Infancia", "United Nations Children's Fund"}, "UNICEF", false, "unicef.org"},
		{pair{"Organización Internacional del Trabajo", "International Labour Organization"}, "OIT", false, "ilo.org"},
		{pair{"Alto Comisionado de las Naciones Unidas para los Refugiados", "Office of the United Nations High Commissioner for Refugees"}, "ACNUR", false, "acnur.org"},
		{pair{"Organización de los Estados Americanos", "Organization of American States"}, "OEA", false, "oas.org"},
		{pair{"Sistema de la Integración Centroamericana", "Central American Integration System"}, "SICA", false, "sica.int"},
	},
	"private": {
		{pair{"Cámara de Comercio", "Chamber of Commerce"}, "CC", true, ""},
		{pair{"Asociación de Hoteles y Turismo", "Hotel and Tourism Association"}, "AHT", false, ""},
		{pair{"Cámara de Transporte de Carga", "Freight Transport Chamber"}, "CTC", false, ""},
		{pair{"Consejo Empresarial contra la Trata", "Business Council against Trafficking"}, "CECT", false, ""},
	},
	"academia": {
		{pair{"Universidad Nacional", "National University"}, "UN", true, ""},
		{pair{"Instituto de Investigaciones Sociales", "Institute for Social Research"}, "IIS", false, ""},
		{pair{"Facultad de Derecho de la Universidad Pública", "Law School of the Public University"}, "", false, ""},
		{pair{"Centro de Estudios sobre Migración", "Centre for Migration Studies"}, "CEM", false, ""},
	},
}

// Prose.
var (
	subjectsSing = []pair{
		{"el equipo técnico", "the technical team"},
		{"la comisión nacional", "the national commission"},
		{"la unidad especializada", "the specialised unit"},
		{"el programa", "the programme"},
		{"la mesa interinstitucional", "the inter-agency round table"},
		{"el protocolo de actuación", "the action protocol"},
		{"la red de derivación", "the referral network"},
		{"el comité local", "the local committee"},
		{"la iniciativa", "the initiative"},
		{"la oficina regional", "the regional office"},
		{"el mecanismo de coordinación", "the coordination mechanism"},
		{"la fiscalía especializada", "the specialised prosecution office"},
		{"la estrategia de intervención", "the intervention strategy"},
		{"el observatorio", "the observatory"},
	}
	subjectsPlur = []pair{
		{"las instituciones participantes", "the participating institutions"},
		{"los equipos territoriales", "the field teams"},
		{"las organizaciones de la sociedad civil", "civil society organisations"},
		{"los gobiernos locales", "local governments"},
		{"las personas facilitadoras", "the facilitators"},
		{"los comités departamentales", "the departmental committees"},
		{"las autoridades migratorias", "the migration authorities"},
	}
	// verbs: Spanish singular, Spanish plural, English.
	verbs = [][3]string{
		{"fortaleció", "fortalecieron", "strengthened"},
		{"coordinó", "coordinaron", "coordinated"},
		{"impulsó", "impulsaron", "promoted"},
		{"consolidó", "consolidaron", "consolidated"},
		{"facilitó", "facilitaron", "facilitated"},
		{"promovió", "promovieron", "encouraged"},
		{"amplió", "ampliaron", "expanded"},
		{"articuló", "articularon", "brought together"},
		{"diseñó", "diseñaron", "designed"},
		{"implementó", "implementaron", "implemented"},
		{"evaluó", "evaluaron", "evaluated"},
		{"mejoró", "mejoraron", "improved"},
		{"acompañó", "acompañaron", "supported"},
		{"garantizó", "garantizaron", "guaranteed"},
		{"priorizó", "priorizaron", "prioritised"},
		{"revisó", "revisaron", "reviewed"},
		{"documentó", "documentaron", "documented"},
		{"supervisa", "supervisan", "oversees"},
		{"fortalece", "fortalecen", "strengthens"},
		{"coordina", "coordinan", "coordinates"},
	}
	objects = []pair{
		{"la atención integral de las víctimas", "comprehensive care for victims"},
		{"la identificación temprana de casos", "the early identification of cases"},
		{"los procedimientos de derivación", "referral procedures"},
		{"la capacitación del funcionariado", "training for public officials"},
		{"el acceso a servicios especializados", "access to specialised services"},
		{"la cooperación entre instituciones", "cooperation between institutions"},
		{"la recopilación de datos desagregados", "the collection of disaggregated data"},
		{"la protección de niñas, niños y adolescentes", "the protection of children and adolescents"},
		{"las campañas de sensibilización comunitaria", "community awareness campaigns"},
		{"la persecución penal de las redes de trata", "the prosecution of trafficking networks"},
		{"la reintegración socioeconómica de las personas sobrevivientes", "the socio-economic reintegration of survivors"},
		{"la inspección de centros de trabajo", "the inspection of workplaces"},
		{"el intercambio de información entre países", "information exchange between countries"},
		{"la participación de la sociedad civil", "the participation of civil society"},
		{"los servicios de atención psicosocial", "psychosocial support services"},
		{"la asistencia jurídica gratuita", "free legal assistance"},
		{"la protección de testigos", "witness protection"},
		{"la regularización migratoria de las víctimas", "the regularisation of victims' migration status"},
		{"los albergues de corta estancia", "short-stay shelters"},
		{"la reparación integral del daño", "full reparation for harm"},
	}
	complements = []pair{
		{"en las zonas fronterizas", "in border areas"},
		{"con enfoque de género", "with a gender perspective"},
		{"durante el período de ejecución", "throughout the implementation period"},
		{"en coordinación con la sociedad civil", "in coordination with civil society"},
		{"con apoyo de la cooperación internacional", "with support from international cooperation"},
		{"a nivel departamental", "at departmental level"},
		{"en comunidades rurales e indígenas", "in rural and indigenous communities"},
		{"mediante mesas técnicas trimestrales", "through quarterly technical meetings"},
		{"con un enfoque centrado en la víctima", "with a victim-centred approach"},
		{"según los registros institucionales", "according to institutional records"},
		{"de acuerdo con los estándares internacionales", "in line with international standards"},
		{"en el marco del plan nacional", "within the framework of the national plan"},
		{"tras un diagnóstico participativo", "following a participatory assessment"},
		{"en los principales corredores migratorios", "along the main migration corridors"},
		{"con recursos del presupuesto ordinario", "with resources from the regular budget"},
	}
	connectors = []pair{
		{"Además,", "In addition,"}, {"Asimismo,", "Likewise,"}, {"Por otra parte,", "Moreover,"},
		{"En particular,", "In particular,"}, {"Como resultado,", "As a result,"},
		{"En consecuencia,", "Consequently,"}, {"Durante la ejecución,", "During implementation,"},
		{"Según el informe final,", "According to the final report,"},
		{"De manera complementaria,", "At the same time,"},
		{"En la práctica,", "In practice,"},
	}
	consequences = []pair{
		{"lo que permitió reducir los tiempos de respuesta", "which reduced response times"},
		{"lo que facilitó la derivación oportuna de los casos", "which made timely referral of cases easier"},
		{"lo que contribuyó a mejorar la calidad de la atención", "which helped to improve the quality of care"},
		{"lo que fortaleció la confianza de las comunidades", "which built trust in the communities"},
		{"lo que generó capacidades instaladas en las instituciones", "which left lasting capacity in the institutions"},
		{"lo que evitó la revictimización durante el proceso", "which avoided re-victimisation during the process"},
	}
	lessons = []pair{
		{"La voluntad política sostenida resultó determinante para la continuidad de la práctica.", "Sustained political will proved decisive for the continuity of the practice."},
		{"La rotación del personal exige procesos de formación permanentes.", "Staff turnover calls for continuous training."},
		{"Contar con un presupuesto propio permitió sostener los servicios más allá del financiamiento inicial.", "A dedicated budget kept the services running beyond the initial funding."},
		{"La participación de las personas sobrevivientes en el diseño mejoró la pertinencia de los servicios.", "Involving survivors in the design made the services more relevant."},
		{"Los acuerdos formales entre instituciones facilitan la derivación oportuna.", "Formal agreements between institutions make timely referral easier."},
		{"La adaptación a contextos locales requiere un diagnóstico previo de capacidades.", "Adapting the practice to local contexts requires a prior assessment of capacities."},
		{"La confidencialidad de la información es una condición para la confianza de las víctimas.", "Keeping information confidential is a condition for victims' trust."},
		{"El trabajo con intérpretes de lenguas indígenas amplió el alcance de la atención.", "Working with interpreters of indigenous languages widened the reach of the services."},
	}
	codeNames     = []string{"SIRVT", "RUV-Trata", "registro_unico", "SIVIT", "hoja-de-ruta", "SIGEV", "alerta_temprana", "RNVT"}
	codeSentences = []pair{
		{"Los casos se registran en el sistema `%s`, que permite el seguimiento de cada intervención.", "Cases are recorded in the `%s` system, which tracks each intervention."},
		{"El equipo utiliza la herramienta `%s` para la gestión de las derivaciones.", "The team uses the `%s` tool to manage referrals."},
		{"La información estadística se consolida en el módulo `%s` del sistema institucional.", "Statistics are consolidated in the `%s` module of the institutional system."},
	}
	subheadings = [3][]pair{
		{{"Antecedentes", "Background"}, {"Componentes", "Components"}, {"Población destinataria", "Target population"}, {"Funcionamiento", "How it works"}},
		{{"Indicadores", "Indicators"}, {"Cobertura", "Coverage"}, {"Evaluación", "Evaluation"}},
		{{"Factores de éxito", "Success factors"}, {"Desafíos", "Challenges"}, {"Recomendaciones para la adaptación", "Recommendations for adaptation"}},
	}
	sectionHeadings = [3]pair{{"Descripción", "Description"}, {"Resultados", "Results"}, {"Lecciones aprendidas", "Lessons learned"}}
	steps           = []pair{
		{"Detección inicial y entrevista de primer contacto.", "Initial detection and first-contact interview."},
		{"Evaluación de riesgo y de necesidades inmediatas.", "Assessment of risk and immediate needs."},
		{"Derivación a los servicios especializados.", "Referral to specialised services."},
		{"Elaboración de un plan de atención individual.", "Drawing up an individual care plan."},
		{"Acompañamiento durante el proceso judicial.", "Support throughout the judicial process."},
		{"Apoyo para la reintegración social y económica.", "Support for social and economic reintegration."},
		{"Seguimiento y cierre del caso.", "Follow-up and closure of the case."},
	}
	listIntros = []pair{
		{"Los principales componentes de la práctica son los siguientes:", "The main components of the practice are the following:"},
		{"Entre las acciones desarrolladas destacan:", "The main actions carried out include:"},
		{"El trabajo se organiza en torno a estos ejes:", "The work is organised around these areas:"},
	}
	stepIntros = []pair{
		{"La ruta de atención sigue estos pasos:", "The assistance pathway follows these steps:"},
		{"El procedimiento acordado entre las instituciones es el siguiente:", "The procedure agreed between the institutions is as follows:"},
	}
	tableIntros = []pair{
		{"La siguiente tabla resume los principales resultados:", "The following table summarises the main results:"},
		{"Los datos de seguimiento muestran la evolución de la práctica:", "Monitoring data show how the practice evolved:"},
	}
	indicators = []pair{
		{"Casos identificados", "Cases identified"},
		{"Tiempo medio de respuesta (horas)", "Average response time (hours)"},
		{"Instituciones articuladas", "Institutions involved"},
		{"Personas funcionarias capacitadas", "Officials trained"},
		{"Víctimas con plan de atención", "Victims with a care plan"},
		{"Municipios cubiertos", "Municipalities covered"},
	}
	quotes = []pair{
		{"La coordinación entre instituciones fue la clave para sostener la práctica en el tiempo.", "Coordination between institutions was the key to sustaining the practice over time."},
		{"Hoy las víctimas encuentran una sola puerta de entrada y no tienen que repetir su historia.", "Today victims find a single point of entry and do not have to repeat their story."},
		{"Aprendimos que la prevención empieza en la comunidad y no en la oficina.", "We learned that prevention starts in the community, not in the office."},
	}
	quoteSpeakers = []pair{
		{"una integrante del equipo técnico", "a member of the technical team"},
		{"la coordinadora del programa", "the programme coordinator"},
		{"un fiscal especializado", "a specialised prosecutor"},
	}
	criterionNotes = map[string][]pair{
		"evidenced": {
			{"Una evaluación externa documentó los resultados.", "An external evaluation documented the results."},
			{"Los indicadores de seguimiento muestran mejoras sostenidas.", "Monitoring indicators show sustained improvement."},
		},
		"reported": {
			{"Según los informes institucionales.", "According to institutional reports."},
			{"Señalado por las instituciones participantes.", "Reported by the participating institutions."},
		},
		"not-assessed": {
			{"Aún no se ha evaluado.", "Not yet assessed."},
			{"Pendiente de una evaluación independiente.", "Awaiting an independent evaluation."},
		},
	}
	exchangeNotes = []pair{
		{"Visita para conocer la ruta de atención.", "Visit to learn about the assistance pathway."},
		{"Pasantía de dos semanas con el equipo técnico.", "Two-week internship with the technical team."},
		{"Adaptación del protocolo al contexto nacional.", "Adaptation of the protocol to the national context."},
		{"Intercambio de experiencias entre fiscalías.", "Exchange of experience between prosecution offices."},
	}
	criterionDetails = []pair{
		{"Los registros institucionales muestran {a} casos atendidos entre {y1} y {y2}.", "Institutional records show {a} cases handled between {y1} and {y2}."},
		{"Funciona desde {y1} con presupuesto propio, aunque los informes señalan limitaciones de personal.", "It has worked since {y1} with its own budget, although reports point to staff shortages."},
		{"En su diseño participaron {b} instituciones y organizaciones de la sociedad civil.", "Its design involved {b} institutions and civil society organisations."},
		{"Los informes de {y2} registran {a} personas identificadas y derivadas a servicios especializados.", "The {y2} reports record {a} people identified and referred to specialised services."},
		{"Fue adaptada por {b} gobiernos locales entre {y1} y {y2}.", "It was adapted by {b} local governments between {y1} and {y2}."},
		{"Incluye protocolos diferenciados para niñas, niños y adolescentes desde {y1}.", "It has included separate protocols for children and adolescents since {y1}."},
	}
	sourceTitles = []pair{
		{"Ley integral contra la trata de personas y su reglamento", "Comprehensive law against trafficking in persons and its regulations"},
		{"Memoria institucional", "Institutional report"},
		{"Plan nacional contra la trata de personas", "National plan against trafficking in persons"},
		{"Informe de rendición de cuentas", "Accountability report"},
		{"Nota de prensa sobre los resultados de la práctica", "Press release on the results of the practice"},
		{"Diagnóstico sobre la respuesta institucional a la trata de personas", "Assessment of the institutional response to trafficking in persons"},
		{"Informe anual de gestión", "Annual management report"},
		{"Protocolo interinstitucional de atención a víctimas de trata", "Inter-agency protocol for assisting trafficking victims"},
		{"Evaluación externa de la práctica", "External evaluation of the practice"},
		{"Sistematización de la experiencia", "Documentation of the experience"},
		{"Hoja de ruta para la implementación", "Implementation roadmap"},
		{"Guía de actuación para el funcionariado", "Guidance for public officials"},
	}
	contactRoles = []pair{
		{"Coordinación técnica", "Technical coordination"},
		{"Jefatura de la unidad", "Head of unit"},
		{"Dirección de programas", "Programme management"},
		{"Secretaría técnica", "Technical secretariat"},
	}
	urlPaths = []string{"documentos", "publicaciones", "programas", "trata-de-personas", "informes", "biblioteca"}
)
