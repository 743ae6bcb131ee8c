package lang

import "testing"

func TestChoose(t *testing.T) {
	for _, tc := range []struct {
		name    string
		flag    string
		env     map[string]string
		catalog string
		want    string
		ok      bool
	}{
		{"nothing set", "", nil, "", "en", true},
		{"the flag first", "es", map[string]string{Env: "en", "LANG": "en_US.UTF-8"}, "en", "es", true},
		{"a flag with a region", "es-419", nil, "", "es", true},
		{"an unknown flag", "fr", nil, "es", "en", false},
		{"CATALOG_LANG before the catalog", "", map[string]string{Env: "en"}, "es", "en", true},
		{"the catalog before the locale", "", map[string]string{"LANG": "en_US.UTF-8"}, "es", "es", true},
		{"a catalog in another language", "", map[string]string{"LANG": "es_ES.UTF-8"}, "pt", "es", true},
		{"LANG", "", map[string]string{"LANG": "es_ES.UTF-8"}, "", "es", true},
		{"LC_ALL over LANG", "", map[string]string{"LC_ALL": "C", "LANG": "es_ES.UTF-8"}, "", "en", true},
		{"LC_MESSAGES over LANG", "", map[string]string{"LC_MESSAGES": "es_MX", "LANG": "en_US"}, "", "es", true},
		{"an unsupported CATALOG_LANG", "", map[string]string{Env: "fr", "LANG": "es_CR.UTF-8"}, "", "es", true},
	} {
		got, ok := Choose(tc.flag, func(k string) string { return tc.env[k] }, tc.catalog)
		if got != tc.want || ok != tc.ok {
			t.Errorf("%s: %q, %v; want %q, %v", tc.name, got, ok, tc.want, tc.ok)
		}
	}
}
