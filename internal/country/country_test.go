package country

import (
	"fmt"
	"slices"
	"strings"
	"sync"
	"testing"
)

// iso is ISO 3166-1 as assigned today (alpha-2:alpha-3), written out
// independently of x/text so that a change in its data shows up here.
const iso = `
AD:AND AE:ARE AF:AFG AG:ATG AI:AIA AL:ALB AM:ARM AO:AGO AQ:ATA AR:ARG AS:ASM AT:AUT AU:AUS AW:ABW AX:ALA AZ:AZE
BA:BIH BB:BRB BD:BGD BE:BEL BF:BFA BG:BGR BH:BHR BI:BDI BJ:BEN BL:BLM BM:BMU BN:BRN BO:BOL BQ:BES BR:BRA BS:BHS
BT:BTN BV:BVT BW:BWA BY:BLR BZ:BLZ
CA:CAN CC:CCK CD:COD CF:CAF CG:COG CH:CHE CI:CIV CK:COK CL:CHL CM:CMR CN:CHN CO:COL CR:CRI CU:CUB CV:CPV CW:CUW
CX:CXR CY:CYP CZ:CZE
DE:DEU DJ:DJI DK:DNK DM:DMA DO:DOM DZ:DZA
EC:ECU EE:EST EG:EGY EH:ESH ER:ERI ES:ESP ET:ETH
FI:FIN FJ:FJI FK:FLK FM:FSM FO:FRO FR:FRA
GA:GAB GB:GBR GD:GRD GE:GEO GF:GUF GG:GGY GH:GHA GI:GIB GL:GRL GM:GMB GN:GIN GP:GLP GQ:GNQ GR:GRC GS:SGS GT:GTM
GU:GUM GW:GNB GY:GUY
HK:HKG HM:HMD HN:HND HR:HRV HT:HTI HU:HUN
ID:IDN IE:IRL IL:ISR IM:IMN IN:IND IO:IOT IQ:IRQ IR:IRN IS:ISL IT:ITA
JE:JEY JM:JAM JO:JOR JP:JPN
KE:KEN KG:KGZ KH:KHM KI:KIR KM:COM KN:KNA KP:PRK KR:KOR KW:KWT KY:CYM KZ:KAZ
LA:LAO LB:LBN LC:LCA LI:LIE LK:LKA LR:LBR LS:LSO LT:LTU LU:LUX LV:LVA LY:LBY
MA:MAR MC:MCO MD:MDA ME:MNE MF:MAF MG:MDG MH:MHL MK:MKD ML:MLI MM:MMR MN:MNG MO:MAC MP:MNP MQ:MTQ MR:MRT MS:MSR
MT:MLT MU:MUS MV:MDV MW:MWI MX:MEX MY:MYS MZ:MOZ
NA:NAM NC:NCL NE:NER NF:NFK NG:NGA NI:NIC NL:NLD NO:NOR NP:NPL NR:NRU NU:NIU NZ:NZL
OM:OMN
PA:PAN PE:PER PF:PYF PG:PNG PH:PHL PK:PAK PL:POL PM:SPM PN:PCN PR:PRI PS:PSE PT:PRT PW:PLW PY:PRY
QA:QAT
RE:REU RO:ROU RS:SRB RU:RUS RW:RWA
SA:SAU SB:SLB SC:SYC SD:SDN SE:SWE SG:SGP SH:SHN SI:SVN SJ:SJM SK:SVK SL:SLE SM:SMR SN:SEN SO:SOM SR:SUR SS:SSD
ST:STP SV:SLV SX:SXM SY:SYR SZ:SWZ
TC:TCA TD:TCD TF:ATF TG:TGO TH:THA TJ:TJK TK:TKL TL:TLS TM:TKM TN:TUN TO:TON TR:TUR TT:TTO TV:TUV TW:TWN TZ:TZA
UA:UKR UG:UGA UM:UMI US:USA UY:URY UZ:UZB
VA:VAT VC:VCT VE:VEN VG:VGB VI:VIR VN:VNM VU:VUT
WF:WLF WS:WSM
YE:YEM YT:MYT
ZA:ZAF ZM:ZMB ZW:ZWE
`

func TestCodesAreISO3166(t *testing.T) {
	got := Codes()
	if len(got) != 249 {
		t.Errorf("len(Codes()) = %d, want 249", len(got))
	}
	if !slices.IsSorted(got) {
		t.Error("Codes() is not sorted")
	}
	want := map[string]string{}
	for _, f := range strings.Fields(iso) {
		a2, a3, _ := strings.Cut(f, ":")
		want[a2] = a3
	}
	if len(want) != 249 {
		t.Fatalf("the test's own list has %d codes", len(want))
	}
	for _, c := range got {
		if _, ok := want[c]; !ok {
			t.Errorf("Codes() has %s, which ISO 3166-1 does not assign", c)
		}
	}
	for a2, a3 := range want {
		if !slices.Contains(got, a2) {
			t.Errorf("Codes() lacks %s", a2)
		}
		if got := Alpha3(a2); got != a3 {
			t.Errorf("Alpha3(%s) = %q, want %q", a2, got, a3)
		}
	}
	got[0] = "XX"
	if Codes()[0] == "XX" {
		t.Error("Codes() shares its slice with the caller")
	}
}

func TestCanonical(t *testing.T) {
	tests := []struct {
		in   string
		want string
		ok   bool
	}{
		{"cr", "CR", true},
		{"CRI", "CR", true},
		{"cri", "CR", true},
		{"NO", "NO", true},
		{"nor", "NO", true},
		{" pa ", "PA", true},
		{"\tgbr\n", "GB", true},
		{"Us", "US", true},
		{"XK", "", false},  // Kosovo: user-assigned
		{"ZZ", "", false},  // unknown region
		{"AN", "", false},  // Netherlands Antilles: deleted
		{"UK", "", false},  // exceptionally reserved
		{"AC", "", false},  // Ascension: exceptionally reserved
		{"EU", "", false},  // macro-region
		{"ZR", "", false},  // Zaire: deleted
		{"ZAR", "", false}, // its alpha-3
		{"", "", false},
		{"   ", "", false},
		{"C R", "", false},
		{"CRIS", "", false},
		{"c", "", false},
		{"çr", "", false},
		{"001", "", false},
	}
	for _, tt := range tests {
		got, ok := Canonical(tt.in)
		if got != tt.want || ok != tt.ok {
			t.Errorf("Canonical(%q) = %q, %v; want %q, %v", tt.in, got, ok, tt.want, tt.ok)
		}
	}
}

func TestAlpha3(t *testing.T) {
	tests := []struct{ in, want string }{
		{"CR", "CRI"},
		{"NO", "NOR"},
		{"PA", "PAN"},
		{"XK", ""},
		{"cr", ""}, // not canonical
		{"CRI", ""},
		{"", ""},
	}
	for _, tt := range tests {
		if got := Alpha3(tt.in); got != tt.want {
			t.Errorf("Alpha3(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestName(t *testing.T) {
	tests := []struct{ code, lang, want string }{
		{"PA", "es", "Panamá"},
		{"PA", "en", "Panama"},
		{"MX", "es", "México"},
		{"US", "es", "Estados Unidos"},
		{"BR", "es", "Brasil"},
		{"NO", "es", "Noruega"},
		{"CR", "es", "Costa Rica"},
		{"DE", "fr", "Allemagne"},
		{"DE", "de", "Deutschland"},
		{"PA", "es-MX", "Panamá"},
		{"PA", "ES", "Panamá"},
		{"NO", "en-GB", "Norway"},
		{"MK", "en", "North Macedonia"},
		{"SZ", "es", "Esuatini"},
		{"NO", "xx", "Norway"},             // well-formed, no CLDR data
		{"NO", "not a language", "Norway"}, // ill-formed
		{"NO", "", "Norway"},
		{"XK", "es", "XK"}, // unknown code
		{"ZZ", "en", "ZZ"},
		{"pa", "es", "pa"}, // not canonical
	}
	for _, tt := range tests {
		if got := Name(tt.code, tt.lang); got != tt.want {
			t.Errorf("Name(%q, %q) = %q, want %q", tt.code, tt.lang, got, tt.want)
		}
	}
	for _, c := range Codes() {
		for _, lang := range []string{"es", "en", "fr", "pt", "zh"} {
			if n := Name(c, lang); n == "" || n == c {
				t.Errorf("Name(%s, %s) = %q", c, lang, n)
			}
		}
	}
}

// TestNameConcurrent is meant for -race: Name must be safe from many
// goroutines, including the first use of a language's namer.
func TestNameConcurrent(t *testing.T) {
	langs := []string{"es", "en", "fr", "de", "it", "ja", "xx", "pt-BR", "nl"}
	want := map[string]string{}
	for _, l := range langs {
		want[l] = Name("NO", l)
	}
	var wg sync.WaitGroup
	for g := range 16 {
		wg.Go(func() {
			for i := range 200 {
				l := langs[(g+i)%len(langs)]
				if got := Name("NO", l); got != want[l] {
					t.Errorf("Name(NO, %s) = %q, want %q", l, got, want[l])
					return
				}
				Suggest("Noruega")
			}
		})
	}
	wg.Wait()
}

func TestSuggest(t *testing.T) {
	tests := []struct{ in, want string }{
		// codes and code typos
		{"cr", "CR"},
		{"CRI2", "CR"},
		{"CRR", "CR"},
		{"CIR", "CI"},  // CI + one edit of CIV beats the swap of CRI
		{"BRZ", "BR"},  // BRA, but also BRB, BRN, BLZ
		{"MXE", "MX"},  // MEX, but also MNE
		{"PNA", ""},    // PAN, PNG, KNA
		{"CRIA", "CR"}, // only CRI
		{"C.R.", "CR"},
		{"UK", "GB"}, // old and alias codes
		{"ZR", "CD"},
		{"BU", "MM"},
		{"YU", ""}, // split into several countries
		{"XK", ""},
		{"QQ", ""},
		{"QQQ", ""},
		// names
		{"Panama", "PA"},
		{"panamá", "PA"},
		{"PANAMA", "PA"},
		{"Brasil", "BR"},
		{"Brazil", "BR"},
		{"Costa Rica", "CR"},
		{"  costa   rica ", "CR"},
		{"Estados Unidos", "US"},
		{"United States of America", "US"},
		{"EE. UU.", "US"},
		{"Noruega", "NO"},
		{"Mexico", "MX"},
		{"Bosnia and Herzegovina", "BA"},
		{"Saint Lucia", "LC"},
		{"Cote d'Ivoire", "CI"},
		{"Aland Islands", "AX"},
		{"Swaziland", "SZ"}, // CLDR's old name
		{"Macedonia", "MK"},
		{"Burma", "MM"},
		// typos of names
		{"Brazl", "BR"},
		{"Mexco", "MX"},
		{"Panamaa", "PA"},
		{"Argentian", "AR"},
		{"Norwey", "NO"},
		{"Chda", "TD"}, // code-like, but no code is near
		{"Peur", "PE"}, // PER
		// words of a name
		{"Hong Kong", "HK"},
		{"Kinshasa", "CD"},
		{"Vaticano", "VA"},
		{"Dominican", "DO"}, // not Dominica (one edit away)
		{"Dominca", "DM"},
		// nothing close, or too many
		{"Korea", ""},
		{"Congo", ""},
		{"xyzzy plugh", ""},
		{"qwertyuiop", ""},
		{"", ""},
		{"   ", ""},
		{"!!", ""},
	}
	for _, tt := range tests {
		if got := Suggest(tt.in); got != tt.want {
			t.Errorf("Suggest(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// TestSuggestNames checks every Spanish and English name leads back to its code.
func TestSuggestNames(t *testing.T) {
	for _, c := range Codes() {
		for _, lang := range []string{"es", "en"} {
			n := Name(c, lang)
			if got := Suggest(n); got != c {
				t.Errorf("Suggest(%q) = %q, want %s", n, got, c)
			}
			if got := Suggest(strings.ToUpper(n)); got != c {
				t.Errorf("Suggest(%q) = %q, want %s", strings.ToUpper(n), got, c)
			}
		}
	}
}

func FuzzCanonical(f *testing.F) {
	for _, s := range []string{"cr", "CRI", " no ", "XK", "", "ñu", "ZZZ", "\x00\xff", "Costa Rica"} {
		f.Add(s)
	}
	known := map[string]bool{}
	for _, c := range Codes() {
		known[c] = true
	}
	f.Fuzz(func(t *testing.T, s string) {
		if a2, ok := Canonical(s); ok {
			if !known[a2] {
				t.Fatalf("Canonical(%q) = %q, not in Codes()", s, a2)
			}
			if again, ok := Canonical(a2); !ok || again != a2 {
				t.Fatalf("Canonical(%q) = %q, %v; want it back", a2, again, ok)
			}
		} else if a2 != "" {
			t.Fatalf("Canonical(%q) = %q, false", s, a2)
		}
		if c := Suggest(s); c != "" && !known[c] {
			t.Fatalf("Suggest(%q) = %q, not in Codes()", s, c)
		}
	})
}

func BenchmarkBuild(b *testing.B) {
	for b.Loop() {
		build()
	}
}

func BenchmarkCanonical(b *testing.B) {
	for _, in := range []string{"CR", " cri ", "zz"} {
		b.Run(fmt.Sprintf("%q", in), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				Canonical(in)
			}
		})
	}
}

func BenchmarkName(b *testing.B) {
	for _, lang := range []string{"es", "fr", "es-MX"} {
		b.Run(lang, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				Name("PA", lang)
			}
		})
	}
}

func BenchmarkSuggest(b *testing.B) {
	for _, in := range []string{"panamá", "CRR", "Argentian", "xyzzy plugh"} {
		b.Run(in, func(b *testing.B) {
			for b.Loop() {
				Suggest(in)
			}
		})
	}
}
