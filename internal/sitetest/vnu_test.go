package sitetest

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
)

// vnuMessage is one message of `vnu --format json`.
type vnuMessage struct {
	Type     string `json:"type"` // error, info, non-document-error
	SubType  string `json:"subType"`
	URL      string `json:"url"`
	LastLine int    `json:"lastLine"`
	Column   int    `json:"firstColumn"`
	Message  string `json:"message"`
	Extract  string `json:"extract"`
}

// runVNU runs the Nu HTML Checker with args and returns its messages. vnu
// writes its report to stderr and exits 1 when it found errors.
func runVNU(t *testing.T, java, jar string, args ...string) []vnuMessage {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, java, append([]string{"-jar", jar, "--errors-only", "--format", "json"}, args...)...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	runErr := cmd.Run()
	var report struct {
		Messages []vnuMessage `json:"messages"`
	}
	if err := json.Unmarshal(stderr.Bytes(), &report); err != nil {
		t.Fatalf("vnu %v: %v; no JSON report (%v)\nstdout: %s\nstderr: %s", args, runErr, err, stdout.String(), stderr.String())
	}
	if runErr != nil && len(report.Messages) == 0 {
		t.Fatalf("vnu %v failed with no message: %v", args, runErr)
	}
	return report.Messages
}

// vnuFalsePositives are vnu messages about valid CSS that its CSS checker
// (from the W3C CSS validator) does not know yet. Each entry says why.
var vnuFalsePositives = []struct {
	re  *regexp.Regexp
	why string
}{
	{
		// line-clamp is the standard property of CSS Overflow Module Level
		// 4 (https://drafts.csswg.org/css-overflow-4/#propdef-line-clamp);
		// style.css gives it beside -webkit-line-clamp, which browsers
		// use today, so that the card summaries stay clamped when they
		// adopt the standard name. vnu 26.9 does not know the property.
		re:  regexp.MustCompile(`^CSS: “line-clamp”: Property “line-clamp” doesn't exist\.$`),
		why: "line-clamp (CSS Overflow 4) unknown to vnu's CSS checker",
	},
	{
		// paint-order is a property of CSS Fill and Stroke Module Level 3
		// and SVG 2 (https://www.w3.org/TR/SVG2/painting.html#PaintOrder),
		// which every current browser supports: the labels of the picture
		// of exchanges paint their halo (stroke) under their letters. vnu
		// 26.9's CSS checker does not know the property.
		re:  regexp.MustCompile(`^CSS: “paint-order”: Property “paint-order” doesn't exist\.$`),
		why: "paint-order (SVG 2, CSS Fill and Stroke) unknown to vnu's CSS checker",
	},
}

// falsePositive tells why a message is a known false positive, or "".
func falsePositive(m vnuMessage) string {
	for _, fp := range vnuFalsePositives {
		if fp.re.MatchString(m.Message) {
			return fp.why
		}
	}
	return ""
}

// relFile turns vnu's file: address into a path relative to dir.
func relFile(dir, u string) string {
	pu, err := url.Parse(u)
	if err != nil || pu.Scheme != "file" {
		return u
	}
	rel, err := filepath.Rel(dir, filepath.FromSlash(pu.Path))
	if err != nil {
		return u
	}
	return filepath.ToSlash(rel)
}

// checkVNU fails on every error in messages, except the false positives,
// which it logs.
func checkVNU(t *testing.T, dir string, messages []vnuMessage) {
	t.Helper()
	for _, m := range messages {
		if m.Type != "error" && m.Type != "non-document-error" {
			continue
		}
		where := fmt.Sprintf("%s:%d", relFile(dir, m.URL), m.LastLine)
		if why := falsePositive(m); why != "" {
			t.Logf("%s: skipped, false positive (%s): %s", where, why, m.Message)
			continue
		}
		if m.Extract != "" {
			t.Errorf("%s: %s: %s\n    near: %q", where, m.Type, m.Message, m.Extract)
		} else {
			t.Errorf("%s: %s: %s", where, m.Type, m.Message)
		}
	}
}

func TestVNU(t *testing.T) {
	java, jar := javaPath(t), vnuJar(t)
	dir := site(t)

	t.Run("html", func(t *testing.T) {
		// Every .html file of the site, in one run of the checker; the
		// inline CSS of the pages is checked with them.
		checkVNU(t, dir, runVNU(t, java, jar, "--skip-non-html", dir))
	})

	// With base_url and repository the pages have more in their head
	// (canonical, og:url, the feeds) and a link to propose a change; the
	// feeds are Atom, which vnu does not check (--skip-non-html).
	t.Run("base_url", func(t *testing.T) {
		out, err := buildWithBaseURL(t)
		if err != nil {
			t.Fatal(err)
		}
		var pages []string
		for _, rel := range []string{"index.html", "404.html", "es/index.html", "en/practices/cr-equipo-respuesta-inmediata/index.html", "es/practices/gt-svet/index.html"} {
			pages = append(pages, filepath.Join(out, filepath.FromSlash(rel)))
		}
		checkVNU(t, out, runVNU(t, java, jar, pages...))
	})

	t.Run("css", func(t *testing.T) {
		checkVNU(t, dir, runVNU(t, java, jar, "--css", filepath.Join(dir, "assets", "style.css")))
	})

	// The check must be able to fail: an invalid page in a folder of its own.
	t.Run("self-check", func(t *testing.T) {
		bad := t.TempDir()
		err := os.WriteFile(filepath.Join(bad, "bad.html"), []byte("<!DOCTYPE html>\n<html lang=\"en\">\n<head><meta charset=\"utf-8\"><title>bad</title></head>\n<body><p><div>block in p</div></p><img src=\"x.png\"></body>\n</html>\n"), 0o644)
		if err != nil {
			t.Fatal(err)
		}
		var errs []string
		for _, m := range runVNU(t, java, jar, "--skip-non-html", bad) {
			if m.Type == "error" {
				errs = append(errs, fmt.Sprintf("%s:%d %s", relFile(bad, m.URL), m.LastLine, m.Message))
			}
		}
		if len(errs) < 2 {
			t.Errorf("vnu found %d errors in a page with at least 2 (img without alt, stray </p>): %q", len(errs), errs)
		}
		for _, e := range errs {
			if !strings.HasPrefix(e, "bad.html:4 ") {
				t.Errorf("vnu error not placed at bad.html line 4: %s", e)
			}
		}
	})
}

// buildWithBaseURL builds the html of a copy of the sample catalog that
// sets base_url and repository.
func buildWithBaseURL(t *testing.T) (string, error) {
	cat := filepath.Join(t.TempDir(), "catalog")
	if err := os.CopyFS(cat, os.DirFS(catalogDir)); err != nil {
		return "", err
	}
	name := filepath.Join(cat, "catalog.yaml")
	src, err := os.ReadFile(name)
	if err != nil {
		return "", err
	}
	src = regexp.MustCompile(`(?m)^base_url: .*$`).ReplaceAll(src, []byte("base_url: https://example.org/catalogo/\nrepository:\n  edit: https://github.com/example/catalog/edit/main/catalog/{path}"))
	if !strings.Contains(string(src), "repository:") {
		return "", fmt.Errorf("the sample's catalog.yaml has no base_url line to replace")
	}
	if err := os.WriteFile(name, src, 0o644); err != nil {
		return "", err
	}
	return buildInto(cat, filepath.Join(t.TempDir(), "public"), []string{"html"})
}
