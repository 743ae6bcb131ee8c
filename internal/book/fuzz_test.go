package book

import (
	"bytes"
	"image"
	"image/color"
	"image/png"
	"os"
	"path/filepath"
	"runtime/debug"
	"strings"
	"testing"

	"catalog/internal/gate"
)

// testPNG is a small picture with a transparent corner.
func testPNG(t testing.TB) []byte {
	t.Helper()
	img := image.NewNRGBA(image.Rect(0, 0, 40, 20))
	for y := range 20 {
		for x := range 40 {
			img.Set(x, y, color.NRGBA{uint8(x * 6), uint8(y * 12), 150, 255})
		}
	}
	img.Set(0, 0, color.NRGBA{})
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// mediaFolder makes a catalog folder whose media holds pic.png and opens
// it as the book reads a catalog's media.
func mediaFolder(t testing.TB) *gate.Folder {
	t.Helper()
	dir := t.TempDir()
	if err := os.Mkdir(filepath.Join(dir, "media"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "media", "pic.png"), testPNG(t), 0o644); err != nil {
		t.Fatal(err)
	}
	folder, err := gate.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { folder.Close() })
	return folder
}

// hostileBody is the body of the site's hostile practice: raw HTML,
// script links, paths out of the catalog.
func hostileBody(t testing.TB) string {
	t.Helper()
	src, err := os.ReadFile("../site/testdata/hostile/practices/xx-hostile.es.md")
	if err != nil {
		t.Fatal(err)
	}
	parts := strings.SplitN(string(src), "\n---\n", 2)
	if len(parts) != 2 {
		t.Fatal("xx-hostile.es.md: no front matter")
	}
	return parts[1]
}

var fuzzSeeds = []string{
	"",
	"Texto simple.",
	"# Uno\n\n## Dos\n\n###### Seis\n\nTexto con **negrita**, *cursiva*, ***ambas***, `código`, ~~tachado~~ y un [enlace](https://example.org).",
	"| País | Año | Nota |\n| :--- | ---: | :---: |\n| Costa Rica | 2019 | **sí** |\n| Panamá | 2020 | una nota larga que se parte en varias líneas dentro de su celda estrecha |\n",
	"| a |\n| - |\n" + strings.Repeat("| fila |\n", 120),
	"- uno\n  - dos\n    - tres\n      1. cuatro\n      2. cinco\n         > cita\n         > - en lista\n- seis\n\n1) a\n2) b\n\n7. siete\n8. ocho",
	"Un enlace largo: https://example.org/" + strings.Repeat("segmento-muy-largo/", 30) + "?q=" + strings.Repeat("x", 200) + " y <https://example.org/autolink/" + strings.Repeat("abc", 80) + ">.",
	strings.Repeat("Palabrasinespaciosniguiones", 40),
	"Emoji 😀🇨🇷👩‍👩‍👧 y símbolos ✓ ★ € ‰ — «comillas» “dobles” ‘simples’ y 中文 עברית العربية.",
	"![Un mapa de la región](media/x.png)\n\n![foto](media/pic.png)\n\nTexto ![en línea](media/pic.png) junto.\n\n![](media/x.png)\n\n![fuera](../secret.png)",
	"Nota al pie[^1] y otra[^nota] y repetida[^1].\n\n[^1]: Primera nota con **negrita** y [enlace](https://example.org).\n[^nota]: Segunda nota.\n\n    con código\n\n    > y una cita",
	"[^x]\n\n[^x]: Nota sin referencia anterior[^y].\n[^y]: Anidada.",
	"```go\nfunc main() {\n\tfmt.Println(\"hola\")\n}\n```\n\n    indentado\n\tcon tab\n\n```\n" + strings.Repeat("x", 300) + "\n```",
	"> cita\n>> anidada\n>>> más\n\n---\n\n***\n\nTexto  \ncon salto duro\\\ny otro.",
	strings.Repeat("> ", 60) + "cita muy anidada",
	strings.Repeat("- ", 40) + "lista muy anidada",
	"Enlaces: [práctica](cr-equipo-respuesta-inmediata.es.md), [otra](../practices/gt-svet.md#x), [ancla](#fn:1), [fragmento](#algo), [correo](mailto:a@example.org), <a@example.org>.",
	"Texto<script>alert(1)</script> y <b>html</b>\n\n<div>bloque</div>",
	"a\u00adb\u200bc\u2028d\ufeffe\x00f\x7f\xff\xfe",
	strings.Repeat("Un párrafo largo de texto para llenar páginas y probar los saltos. ", 80),
}

// FuzzBody draws arbitrary Markdown as a practice's body, through the
// book's own code, into a document of its own: the document must come out
// and nothing may panic.
func FuzzBody(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s)
	}
	f.Add(hostileBody(f))
	media := mediaFolder(f)
	f.Fuzz(func(t *testing.T, body string) {
		if len(body) > 8<<10 {
			t.Skip("bodies beyond 8 KiB make fuzzing slow and find nothing more")
		}
		b := newTestBook(t, "es", media)
		b.newPage()
		func() {
			defer func() {
				if r := recover(); r != nil {
					t.Fatalf("drawing panics: %v\n%s", r, debug.Stack())
				}
			}()
			drawBody(b, []byte(body))
		}()
		var buf bytes.Buffer
		if err := b.d.Output(&buf); err != nil {
			t.Fatalf("Output: %v", err)
		}
		if !bytes.HasPrefix(buf.Bytes(), []byte("%PDF-")) || !bytes.HasSuffix(bytes.TrimSpace(buf.Bytes()), []byte("%%EOF")) {
			t.Fatalf("not a PDF: %q…", buf.Bytes()[:min(buf.Len(), 20)])
		}
	})
}
