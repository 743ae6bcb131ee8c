package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestDossierExitCodes: the dossier command writes the PDF, the same bytes
// for the same SOURCE_DATE_EPOCH, and refuses an unknown or restricted
// practice, a missing -o and bad codes, with a message and exit 2,
// writing nothing.
func TestDossierExitCodes(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "visita.pdf")
	epoch := map[string]string{"SOURCE_DATE_EPOCH": "1764000000"}
	const eri = "cr-equipo-respuesta-inmediata"
	for _, tc := range []struct {
		args []string
		code int
		msg  string
	}{
		{[]string{"--practice", "no-such-practice", "-o", out}, 2, "--practice no-such-practice: ninguna práctica tiene ese identificador"},
		{[]string{"--practice", eri + ",sv-consejo-nacional-trata", "-o", out}, 2, "--practice sv-consejo-nacional-trata: la práctica es restringida"},
		{[]string{"--practice", eri}, 2, "falta -o ARCHIVO.pdf"},
		{[]string{"-o", out}, 2, "falta --practice"},
		{[]string{"--practice", eri, "--visitors", "XX", "-o", out}, 2, `--visitors "XX" no es un código de país`},
		{[]string{"--practice", eri, "--country", "Costa Rica", "-o", out}, 2, `--country "Costa Rica" no es un código de país`},
		{[]string{"--practice", eri, "--lang", "fr", "-o", out}, 2, `--lang "fr" no es uno de los idiomas del catálogo (es, en)`},
		{[]string{"--practice", eri, "-o", dir}, 2, "es una carpeta: indique un nombre de archivo"},
		{[]string{"--practice", eri, "extra", "-o", out}, 2, `no tiene ningún comando "extra"`},
	} {
		args := append([]string{"dossier", "--dir", "../../catalog"}, tc.args...)
		code, stdout, stderr := catalogCmd(t, epoch, args...)
		if code != tc.code || !strings.Contains(stdout+stderr, tc.msg) {
			t.Errorf("catalog %s: exit %d, want %d; output lacks %q?\n%s%s", strings.Join(args, " "), code, tc.code, tc.msg, stdout, stderr)
		}
		if code == 2 && !strings.Contains(stderr, "Ejecute 'catalog dossier --help' para ver cómo se usa.") && tc.code == 2 && !strings.Contains(tc.msg, "carpeta") && !strings.Contains(tc.msg, "comando") {
			t.Errorf("catalog %s: no hint to the help:\n%s", strings.Join(args, " "), stderr)
		}
		if _, err := os.Stat(out); err == nil {
			t.Fatalf("catalog %s wrote %s", strings.Join(args, " "), out)
		}
	}
	if code, _, stderr := catalogCmd(t, epoch, "dossier", "--dir", "../../testdata/broken", "--practice", eri, "-o", out); code != 1 || !strings.Contains(stderr, "dossier detenido: ") {
		t.Errorf("a catalog with errors: exit %d, want 1\n%s", code, stderr)
	}

	args := []string{"dossier", "--dir", "../../catalog", "--practice", eri, "--country", "cr", "--visitors", "HN,PA", "-o", out}
	code, _, stderr := catalogCmd(t, epoch, args...)
	// The sample catalog is in Spanish first: the command says it so.
	if code != 0 || !strings.Contains(stderr, "escrito "+out+": 1 práctica en español") {
		t.Fatalf("catalog %s: exit %d\n%s", strings.Join(args, " "), code, stderr)
	}
	first, err := os.ReadFile(out)
	if err != nil || !bytes.HasPrefix(first, []byte("%PDF-")) {
		t.Fatalf("%s: %v, %.8q", out, err, first)
	}
	if st, _ := os.Stat(out); st.Mode().Perm()&0o044 != 0o044 {
		t.Errorf("%s has mode %v: others cannot read it", out, st.Mode())
	}
	if code, _, stderr := catalogCmd(t, epoch, args...); code != 0 {
		t.Fatalf("again: exit %d\n%s", code, stderr)
	}
	again, _ := os.ReadFile(out)
	if !bytes.Equal(first, again) {
		t.Error("two dossiers with the same SOURCE_DATE_EPOCH differ")
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Errorf("%d files beside the dossier, want none (a temporary file left?)", len(entries)-1)
	}
	// --lang en gives the English dossier, other bytes.
	if code, _, stderr := catalogCmd(t, epoch, append(args, "--lang", "en")...); code != 0 || !strings.Contains(stderr, "práctica en inglés") {
		t.Fatalf("--lang en: exit %d\n%s", code, stderr)
	}
	if en, _ := os.ReadFile(out); bytes.Equal(en, first) {
		t.Error("--lang en wrote the Spanish dossier")
	}
}
