package check

import (
	"strings"
	"testing"
)

func TestPersonalData(t *testing.T) {
	for _, tc := range []struct {
		text string
		want []string
	}{
		{"Escriba a persona@example.com hoy.", []string{`e-mail address "persona@example.com"`}},
		{"Llame al +506 2222-3333.", []string{`phone number "+506 2222-3333"`}},
		{"Llame al (011) 4370-9000.", []string{`phone number "(011) 4370-9000"`}},
		{"Teléfono 2222-3333 en San José.", []string{`phone number "2222-3333"`}},
		{"La Ley 26.364 y la Ley 9095.", nil},
		{"El plan 2012-2017 y el plan 2012 – 2017.", nil},
		{"El 09/10/2018 y el 2018-10-09.", nil},
		{"Atendió a 1.500.000 personas y 12.345.678 llamadas.", nil},
		{"La línea 145 y el Decreto 59-2012.", nil},
		{"En los años 2013 2014 2015.", nil},
	} {
		var got []string
		for _, f := range personalData(tc.text) {
			got = append(got, f.String())
		}
		if strings.Join(got, "|") != strings.Join(tc.want, "|") {
			t.Errorf("personalData(%q) = %q, want %q", tc.text, got, tc.want)
		}
	}
}

func TestCaseNumbers(t *testing.T) {
	for _, tc := range []struct {
		text string
		want []string
	}{
		{"Ver expediente 123-2019-TP.", []string{"expediente 123-2019"}},
		{"En la causa N° 1234/2015 se condenó.", []string{"causa N° 1234/2015"}},
		{"Case No. 12-345 was heard.", []string{"Case No. 12-345"}},
		{"In case 2019 data is late.", nil},
		{"El proceso 2015-2018 de reforma.", nil},
		{"La causa de 2018.", nil},
		{"Un legajo completo.", nil},
	} {
		got := caseNumbers(tc.text)
		if strings.Join(got, "|") != strings.Join(tc.want, "|") {
			t.Errorf("caseNumbers(%q) = %q, want %q", tc.text, got, tc.want)
		}
	}
}

func BenchmarkSensitiveProse(b *testing.B) {
	text := strings.Repeat("La coordinación interinstitucional permitió atender a 38 personas en 2022 y mejorar la derivación. ", 40)
	for b.Loop() {
		personalData(text)
		caseNumbers(text)
	}
}

func TestPhoneCandidates(t *testing.T) {
	for _, tc := range []struct {
		text string
		want string
	}{
		{"al +506 2222-3333.", "+506 2222-3333"},
		{"al (011) 4370-9000, o", "(011) 4370-9000"},
		{"tel 22223333", "22223333"},
		{"a1234567b", ""},
		{"años 2012  2013 2014", "2013 2014"},
	} {
		got := strings.Join(phoneCandidates(tc.text), "|")
		if got != tc.want {
			t.Errorf("phoneCandidates(%q) = %q, want %q", tc.text, got, tc.want)
		}
	}
}
