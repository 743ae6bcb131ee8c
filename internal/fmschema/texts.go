package fmschema

// text is what an editor shows of a field: its name and what to write.
type text struct{ Title, Description string }

// fieldTexts are the titles and descriptions of the fields of load.Fields
// (keyed by name) and of the parts of their entries (keyed by the entry's
// kind and the part: "institution.type"), in each language catalog
// speaks. A test fails when one is missing.
var fieldTexts = map[string]map[string]text{
	"title": {
		"es": {"Título", "El nombre de la práctica, tal como la conoce la institución que la lleva a cabo. Cada archivo, también cada traducción, da el suyo."},
		"en": {"Title", "The practice's name, as the institution that runs it calls it. Every file, each translation too, gives its own."},
	},
	"summary": {
		"es": {"Resumen", "Un párrafo que dice qué hace la práctica, para quién y con qué resultado. Cada archivo da el suyo, traducido."},
		"en": {"Summary", "One paragraph saying what the practice does, for whom, and with what result. Every file gives its own, translated."},
	},
	"countries": {
		"es": {"Países", "Los países donde se aplica la práctica, con su código ISO de dos letras en mayúsculas: [CR], [GT, HN]."},
		"en": {"Countries", "The countries where the practice runs, as two-letter ISO codes in capitals: [CR], [GT, HN]."},
	},
	"scope": {
		"es": {"Alcance", "Hasta dónde llega la práctica: local, subnacional, nacional, binacional o regional."},
		"en": {"Scope", "How far the practice reaches: local, subnational, national, binational or regional."},
	},
	"institutions": {
		"es": {"Instituciones responsables", "Las instituciones que llevan a cabo la práctica, una por línea: - {name: …, acronym: …, country: CR, type: government}."},
		"en": {"Lead institutions", "The institutions that run the practice, one per line: - {name: …, acronym: …, country: CR, type: government}."},
	},
	"partners": {
		"es": {"Socios", "Las instituciones que apoyan la práctica (cooperación, sociedad civil), en la misma forma que las responsables."},
		"en": {"Partners", "The institutions that support the practice (donors, civil society), written as the lead institutions are."},
	},
	"themes": {
		"es": {"Temas", "Los temas de la práctica, con los códigos que lista catalog.yaml en themes."},
		"en": {"Themes", "The practice's themes, as the codes catalog.yaml lists under themes."},
	},
	"target_groups": {
		"es": {"Grupos destinatarios", "A quiénes se dirige la práctica, con los códigos que lista catalog.yaml en target_groups."},
		"en": {"Target groups", "Whom the practice is for, as the codes catalog.yaml lists under target_groups."},
	},
	"exploitation_forms": {
		"es": {"Formas de explotación", "Las formas de explotación que aborda la práctica, con los códigos que lista catalog.yaml en exploitation_forms."},
		"en": {"Forms of exploitation", "The forms of exploitation the practice addresses, as the codes catalog.yaml lists under exploitation_forms."},
	},
	"period": {
		"es": {"Período", "Cuándo empezó la práctica y, si terminó, cuándo: start: 2013, end: \"2019-06\". El año solo, o el año y el mes entre comillas."},
		"en": {"Period", "When the practice began and, if it ended, when: start: 2013, end: \"2019-06\". The year alone, or the year and month in quotes."},
	},
	"status": {
		"es": {"Estado", "Si la práctica sigue en curso, terminó o no se sabe."},
		"en": {"Status", "Whether the practice is ongoing, has ended, or nobody knows."},
	},
	"level": {
		"es": {"Nivel", "Cuán probada está la práctica: buena práctica (con evidencia de resultados), prometedora o emergente."},
		"en": {"Level", "How proven the practice is: good practice (results evidenced), promising or emerging."},
	},
	"criteria": {
		"es": {"Criterios", "Cómo cumple la práctica cada criterio de buena práctica de catalog.yaml: criterio: {rating: evidenced, note: …}."},
		"en": {"Criteria", "How the practice meets each good-practice criterion of catalog.yaml: criterion: {rating: evidenced, note: …}."},
	},
	"related": {
		"es": {"Prácticas relacionadas", "Los identificadores de otras prácticas del catálogo (el nombre de su archivo sin .es.md): [cr-equipo-respuesta-inmediata]."},
		"en": {"Related practices", "The IDs of other practices of the catalog (their file name without .es.md): [cr-equipo-respuesta-inmediata]."},
	},
	"exchanges": {
		"es": {"Intercambios", "Las visitas, pasantías y adaptaciones en que otro país conoció la práctica, una por entrada: - {year: 2018, visitors: [HN], kind: internship}."},
		"en": {"Exchanges", "The visits, internships and adaptations in which another country learnt the practice, one per entry: - {year: 2018, visitors: [HN], kind: internship}."},
	},
	"adapted_from": {
		"es": {"Adaptada de", "Las prácticas del catálogo que esta adapta: su identificador, o {practice: …, year: …, note: …}."},
		"en": {"Adapted from", "The practices of the catalog this one adapts: their ID, or {practice: …, year: …, note: …}."},
	},
	"adaptation": {
		"es": {"Adaptación", "Qué exige adaptar la práctica en otro país: requires (códigos de requirements en catalog.yaml), cost y una nota."},
		"en": {"Adaptation", "What adapting the practice in another country takes: requires (codes of requirements in catalog.yaml), cost and a note."},
	},
	"sources": {
		"es": {"Fuentes", "Los documentos públicos que respaldan lo que dice la práctica, uno por entrada: - {title: …, publisher: …, year: 2020, url: https://…}."},
		"en": {"Sources", "The public documents behind what the practice says, one per entry: - {title: …, publisher: …, year: 2020, url: https://…}."},
	},
	"contact": {
		"es": {"Contacto", "A quién dirigirse para saber más: {institution: …, role: …, url: …, email: …}."},
		"en": {"Contact", "Whom to ask to learn more: {institution: …, role: …, url: …, email: …}."},
	},
	"visibility": {
		"es": {"Visibilidad", "public (por omisión) o restricted: una práctica restringida no se publica en el sitio ni en los libros."},
		"en": {"Visibility", "public (the default) or restricted: a restricted practice is left out of the site and the books."},
	},
	"last_reviewed": {
		"es": {"Última revisión", "La fecha en que se revisó por última vez lo que dice el archivo, AAAA-MM-DD: 2026-11-20."},
		"en": {"Last reviewed", "The date what the file says was last checked, YYYY-MM-DD: 2026-11-20."},
	},

	"institution.name": {
		"es": {"Nombre", "El nombre completo de la institución."},
		"en": {"Name", "The institution's full name."},
	},
	"institution.acronym": {
		"es": {"Sigla", "La sigla de la institución, si tiene: CONATT."},
		"en": {"Acronym", "The institution's acronym, if it has one: CONATT."},
	},
	"institution.country": {
		"es": {"País", "El país de la institución, con su código ISO de dos letras; se omite para un organismo internacional."},
		"en": {"Country", "The institution's country, as its two-letter ISO code; left out for an international organisation."},
	},
	"institution.type": {
		"es": {"Tipo", "Qué clase de institución es."},
		"en": {"Type", "What kind of institution it is."},
	},
	"period.start": {
		"es": {"Inicio", "El año en que empezó la práctica (2013), o el año y el mes entre comillas (\"2013-02\")."},
		"en": {"Start", "The year the practice began (2013), or the year and month in quotes (\"2013-02\")."},
	},
	"period.end": {
		"es": {"Fin", "El año en que terminó (2019), o el año y el mes entre comillas; vacío si sigue en curso."},
		"en": {"End", "The year it ended (2019), or the year and month in quotes; empty while it is ongoing."},
	},
	"criterion": {
		"es": {"Criterio", "Cómo cumple la práctica este criterio: {rating: …, note: …}, o solo la valoración."},
		"en": {"Criterion", "How the practice meets this criterion: {rating: …, note: …}, or the rating alone."},
	},
	"criterion.rating": {
		"es": {"Valoración", "Si una fuente lo demuestra (evidenced), solo lo informa (reported) o nadie lo evaluó (not-assessed)."},
		"en": {"Rating", "Whether a source shows it (evidenced), only reports it (reported), or nobody assessed it (not-assessed)."},
	},
	"criterion.note": {
		"es": {"Nota", "En qué se apoya la valoración, con su fuente."},
		"en": {"Note", "What the rating rests on, with its source."},
	},
	"exchange.year": {
		"es": {"Año", "El año del intercambio: 2018."},
		"en": {"Year", "The year of the exchange: 2018."},
	},
	"exchange.visitors": {
		"es": {"Países visitantes", "Los países que vinieron a conocer la práctica, con códigos ISO de dos letras: [HN]."},
		"en": {"Visiting countries", "The countries that came to learn the practice, as two-letter ISO codes: [HN]."},
	},
	"exchange.institutions": {
		"es": {"Instituciones visitantes", "Las instituciones de los países visitantes: [CICESCT]."},
		"en": {"Visiting institutions", "The institutions of the visiting countries: [CICESCT]."},
	},
	"exchange.kind": {
		"es": {"Clase", "Qué fue el intercambio: una pasantía, una visita de estudio o una adaptación."},
		"en": {"Kind", "What the exchange was: an internship, a study visit or an adaptation."},
	},
	"exchange.note": {
		"es": {"Nota", "Qué se hizo en el intercambio."},
		"en": {"Note", "What the exchange did."},
	},
	"exchange.outcome": {
		"es": {"Resultado", "Qué hizo después el país visitante con la práctica."},
		"en": {"Outcome", "What the visiting country did with the practice afterwards."},
	},
	"exchange.outcome_note": {
		"es": {"Nota del resultado", "En qué se apoya el resultado, o dónde se buscó sin encontrarlo."},
		"en": {"Outcome note", "What the outcome rests on, or where it was looked for in vain."},
	},
	"adapted_from.practice": {
		"es": {"Práctica", "El identificador de la práctica adaptada: cr-equipo-respuesta-inmediata."},
		"en": {"Practice", "The ID of the practice adapted: cr-equipo-respuesta-inmediata."},
	},
	"adapted_from.year": {
		"es": {"Año", "El año de la adaptación."},
		"en": {"Year", "The year of the adaptation."},
	},
	"adapted_from.note": {
		"es": {"Nota", "Qué se tomó de la práctica y qué se cambió."},
		"en": {"Note", "What was taken from the practice and what was changed."},
	},
	"adaptation.requires": {
		"es": {"Requisitos", "Lo que exige adaptarla, con los códigos de requirements en catalog.yaml."},
		"en": {"Requirements", "What adapting it takes, as the codes of requirements in catalog.yaml."},
	},
	"adaptation.cost": {
		"es": {"Costo", "Cuánto cuesta adaptarla: bajo, medio, alto o desconocido."},
		"en": {"Cost", "What adapting it costs: low, medium, high or unknown."},
	},
	"adaptation.note": {
		"es": {"Nota", "En qué se apoya lo que dice de la adaptación."},
		"en": {"Note", "What is said of adapting it rests on."},
	},
	"source.title": {
		"es": {"Título", "El título del documento."},
		"en": {"Title", "The document's title."},
	},
	"source.publisher": {
		"es": {"Editor", "Quién publicó el documento."},
		"en": {"Publisher", "Who published the document."},
	},
	"source.year": {
		"es": {"Año", "El año de publicación: 2020."},
		"en": {"Year", "The year it was published: 2020."},
	},
	"source.url": {
		"es": {"Dirección", "La dirección web del documento: https://…"},
		"en": {"Address", "The document's web address: https://…"},
	},
	"source.lang": {
		"es": {"Idioma", "El idioma del documento, cuando no es el primero del catálogo: en, pt, fr…"},
		"en": {"Language", "The document's language, when it is not the catalog's first: es, pt, fr…"},
	},
	"contact.institution": {
		"es": {"Institución", "La institución a la que dirigirse."},
		"en": {"Institution", "The institution to ask."},
	},
	"contact.role": {
		"es": {"Cargo", "El cargo o la oficina que responde (nunca el nombre de una persona)."},
		"en": {"Role", "The post or office that answers (never a person's name)."},
	},
	"contact.url": {
		"es": {"Dirección web", "La página de contacto: https://…"},
		"en": {"Web address", "The contact page: https://…"},
	},
	"contact.email": {
		"es": {"Correo", "La dirección de correo de la institución o la oficina."},
		"en": {"E-mail", "The institution's or office's e-mail address."},
	},
}

// valueTexts are the labels of the values that the site's words
// (templates/i18n) do not name.
var valueTexts = map[string]map[string]string{
	"visibility.public":     {"es": "Pública", "en": "Public"},
	"visibility.restricted": {"es": "Restringida: fuera del sitio y de los libros", "en": "Restricted: left out of the site and the books"},
}

// schemaTexts are the schema's own title and description, and what it
// says of the fields a source needs.
var schemaTexts = map[string]map[string]string{
	"title": {
		"es": "Encabezado de una práctica del catálogo",
		"en": "Front matter of a practice of the catalog",
	},
	"source": {
		"es": "El encabezado YAML de un archivo de práctica (el archivo en el primer idioma del catálogo). Generado por catalog schema a partir de catalog.yaml; catalog validate tiene la última palabra.",
		"en": "The YAML front matter of a practice file (the file in the catalog's first language). Made by catalog schema from catalog.yaml; catalog validate has the last word.",
	},
	"translation": {
		"es": "El encabezado YAML de una traducción de una práctica: solo title y summary son obligatorios, lo demás se toma del archivo de origen. Generado por catalog schema --translation a partir de catalog.yaml; catalog validate tiene la última palabra.",
		"en": "The YAML front matter of a translation of a practice: only title and summary are required, the rest comes from the source file. Made by catalog schema --translation from catalog.yaml; catalog validate has the last word.",
	},
	"required": {
		"es": "Obligatorio.",
		"en": "Required.",
	},
	"source_only": {
		"es": "Obligatorio en el archivo de origen; una traducción lo toma de él.",
		"en": "Required in the source file; a translation takes it from there.",
	},
}
