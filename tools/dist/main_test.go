package main

import (
	"archive/tar"
	"archive/zip"
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"strings"
	"testing"
	"time"
)

const root = "../.."

// TestReproducible: two runs of dist into two folders give the same bytes,
// archives and SHA256SUMS, for a Unix and a Windows target (and this
// machine's, to run the binary); each archive holds the binary, README.md
// and CHANGELOG.md and the fonts' licences in that order, dated SOURCE_DATE_EPOCH, owned by 0:0,
// with fixed modes; the binary carries the stamps. A small stand-in
// program is built, not catalog: the archiving and the flags are what is
// under test, and a cold -trimpath build of catalog takes a minute here
// (.ci/run runs make dist itself twice).
func TestReproducible(t *testing.T) {
	const epoch = 1764000000
	t.Setenv("SOURCE_DATE_EPOCH", fmt.Sprint(epoch))
	targets := []string{"linux/amd64", "windows/arm64"}
	host := runtime.GOOS + "/" + runtime.GOARCH
	if !slices.Contains(targets, host) {
		targets = append(targets, host)
	}
	opts := func(out string) Options {
		return Options{Root: root, Out: out, Pkg: "./tools/dist/testdata/hello", Targets: targets}
	}
	a, b := t.TempDir(), t.TempDir()
	namesA, err := Run(opts(a), io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	namesB, err := Run(opts(b), io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	version, err := ChangelogVersion(root)
	if err != nil {
		t.Fatal(err)
	}
	v := strings.TrimPrefix(version, "v")
	want := []string{"catalog_" + v + "_linux_amd64.tar.gz", "catalog_" + v + "_windows_arm64.zip", "SHA256SUMS"}
	for _, n := range want {
		if !slices.Contains(namesA, n) {
			t.Errorf("no %s in %v", n, namesA)
		}
	}
	if !slices.Equal(namesA, namesB) {
		t.Fatalf("two runs, two lists: %v and %v", namesA, namesB)
	}
	for _, n := range namesA {
		x, errX := os.ReadFile(filepath.Join(a, n))
		y, errY := os.ReadFile(filepath.Join(b, n))
		if errX != nil || errY != nil || len(x) == 0 || !bytes.Equal(x, y) {
			t.Errorf("%s differs between two runs (%v, %v; %d and %d bytes)", n, errX, errY, len(x), len(y))
		}
	}

	// SHA256SUMS is sha256sum's format, sorted, over every archive.
	sums, _ := os.ReadFile(filepath.Join(a, "SHA256SUMS"))
	var lines []string
	for _, n := range namesA[:len(namesA)-1] {
		data, _ := os.ReadFile(filepath.Join(a, n))
		lines = append(lines, fmt.Sprintf("%x  %s", sha256.Sum256(data), n))
	}
	if got := strings.TrimSuffix(string(sums), "\n"); got != strings.Join(lines, "\n") || !slices.IsSorted(namesA[:len(namesA)-1]) {
		t.Errorf("SHA256SUMS:\n%s\nwant:\n%s", got, strings.Join(lines, "\n"))
	}

	when := time.Unix(epoch, 0).UTC()
	rev := ""
	if out, err := exec.Command("git", "-C", root, "rev-parse", "HEAD").Output(); err == nil {
		rev = strings.TrimSpace(string(out))
	}
	for _, n := range namesA[:len(namesA)-1] {
		exe := "catalog"
		if strings.Contains(n, "_windows_") {
			exe = "catalog.exe"
		}
		members := readArchive(t, filepath.Join(a, n), when)
		var got []string
		for _, m := range members {
			got = append(got, fmt.Sprintf("%s %o", m.name, m.mode))
		}
		if want := []string{exe + " 755", "README.md 644", "CHANGELOG.md 644", "LICENSES/Liberation-fonts-OFL-1.1.txt 644", "LICENSES/Go-fonts-BSD-3-Clause.txt 644"}; !slices.Equal(got, want) {
			t.Errorf("%s holds %v, want %v", n, got, want)
		}
		if ofl := string(members[3].data); !strings.Contains(ofl, "SIL OPEN FONT LICENSE Version 1.1") || !strings.Contains(ofl, "Liberation") {
			t.Errorf("%s: the fonts' licence reads %.200q", n, ofl)
		}
		if !strings.Contains(n, "_"+strings.ReplaceAll(host, "/", "_")+".") {
			continue
		}
		// This machine's binary runs and says its stamps.
		bin := filepath.Join(t.TempDir(), exe)
		if err := os.WriteFile(bin, members[0].data, 0o755); err != nil {
			t.Fatal(err)
		}
		out, err := exec.Command(bin).Output()
		if err != nil {
			t.Fatalf("%s: %v", bin, err)
		}
		stamps := strings.Split(strings.TrimSpace(string(out)), "|")
		if len(stamps) != 4 || stamps[0] != version || stamps[1] != rev || (stamps[2] != "true" && stamps[2] != "false") || stamps[3] != when.Format(time.RFC3339) {
			t.Errorf("the binary's stamps: %q; want %s, revision %q, true or false, %s", out, version, rev, when.Format(time.RFC3339))
		}
	}
}

type member struct {
	name string
	mode int64
	data []byte
}

// readArchive reads a .tar.gz or .zip, failing on any header that is not
// reproducible: a gzip name or time, an owner, a date other than when.
func readArchive(t *testing.T, path string, when time.Time) []member {
	t.Helper()
	var members []member
	if strings.HasSuffix(path, ".zip") {
		zr, err := zip.OpenReader(path)
		if err != nil {
			t.Fatal(err)
		}
		defer zr.Close()
		for _, f := range zr.File {
			if !f.Modified.Equal(when) {
				t.Errorf("%s: %s dated %v, want %v", path, f.Name, f.Modified, when)
			}
			rc, err := f.Open()
			if err != nil {
				t.Fatal(err)
			}
			data, err := io.ReadAll(rc)
			rc.Close()
			if err != nil {
				t.Fatal(err)
			}
			members = append(members, member{f.Name, int64(f.Mode().Perm()), data})
		}
		return members
	}
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	gz, err := gzip.NewReader(f)
	if err != nil {
		t.Fatal(err)
	}
	if gz.Name != "" || !gz.ModTime.IsZero() || gz.Comment != "" {
		t.Errorf("%s: gzip header names %q, dated %v", path, gz.Name, gz.ModTime)
	}
	tr := tar.NewReader(gz)
	for {
		h, err := tr.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		if h.Uid != 0 || h.Gid != 0 || h.Uname != "" || h.Gname != "" || !h.ModTime.Equal(when) || h.Typeflag != tar.TypeReg || len(h.PAXRecords) > 0 {
			t.Errorf("%s: %s: owner %d:%d (%q:%q), dated %v, type %c, PAX %v", path, h.Name, h.Uid, h.Gid, h.Uname, h.Gname, h.ModTime, h.Typeflag, h.PAXRecords)
		}
		data, err := io.ReadAll(tr)
		if err != nil {
			t.Fatal(err)
		}
		members = append(members, member{h.Name, h.Mode, data})
	}
	return members
}

// TestChangelogVersion: the version is the changelog's first heading, and
// the pre-commit hook's example names it.
func TestChangelogVersion(t *testing.T) {
	v, err := ChangelogVersion(root)
	if err != nil || !regexp.MustCompile(`^v\d+\.\d+\.\d+`).MatchString(v) {
		t.Fatalf("CHANGELOG.md's version: %q, %v", v, err)
	}
	hooks, err := os.ReadFile(filepath.Join(root, ".pre-commit-hooks.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(hooks), "rev: "+v+"\n") {
		t.Errorf(".pre-commit-hooks.yaml's example does not name rev: %s", v)
	}
	readme, err := os.ReadFile(filepath.Join(root, "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(readme), "    rev: "+v+"\n") || !strings.Contains(string(readme), "catalog_"+strings.TrimPrefix(v, "v")+"_linux_amd64.tar.gz") {
		t.Errorf("README.md's pre-commit example and archive names are not of %s", v)
	}

	dir := t.TempDir()
	for text, want := range map[string]string{
		"# Changes\n\n## [v1.2.3] - 2027-01-01\n\n## v1.2.2\n": "v1.2.3",
		"# Changes\n\n## v0.2.0-rc.1 — soon\n":                 "v0.2.0-rc.1",
		"# Changes\n\nNothing yet.\n":                          "",
	} {
		os.WriteFile(filepath.Join(dir, "CHANGELOG.md"), []byte(text), 0o644)
		got, err := ChangelogVersion(dir)
		if got != want || (want == "") != (err != nil) {
			t.Errorf("%q: %q, %v; want %q", text, got, err, want)
		}
	}
}

// TestStampsOutsideGit: outside a checkout, SOURCE_DATE_EPOCH is needed,
// and a bad one is refused.
func TestStampsOutsideGit(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "CHANGELOG.md"), []byte("## v0.1.0\n"), 0o644)
	t.Setenv("GIT_CEILING_DIRECTORIES", filepath.Dir(dir))
	t.Setenv("SOURCE_DATE_EPOCH", "")
	if _, err := ReadStamps(dir); err == nil || !strings.Contains(err.Error(), "SOURCE_DATE_EPOCH") {
		t.Errorf("no git, no SOURCE_DATE_EPOCH: %v", err)
	}
	t.Setenv("SOURCE_DATE_EPOCH", "yesterday")
	if _, err := ReadStamps(dir); err == nil {
		t.Error("SOURCE_DATE_EPOCH=yesterday accepted")
	}
	t.Setenv("SOURCE_DATE_EPOCH", "1764000000")
	st, err := ReadStamps(dir)
	if err != nil || st.Version != "v0.1.0" || st.Epoch != 1764000000 || st.Revision != "" {
		t.Errorf("stamps: %+v, %v", st, err)
	}
	if f := LDFlags(st); f != "-s -w -buildid= -X main.buildVersion=v0.1.0 -X main.buildRevision= -X main.buildModified=false -X main.buildDate=2025-11-24T16:00:00Z" {
		t.Errorf("ldflags: %s", f)
	}
}

// TestBadTarget: a target that is not GOOS/GOARCH, or that Go cannot
// build for, is an error, and no SHA256SUMS is written.
func TestBadTarget(t *testing.T) {
	t.Setenv("SOURCE_DATE_EPOCH", "1764000000")
	for _, target := range []string{"linux", "/amd64", "plan10/amd64"} {
		out := t.TempDir()
		_, err := Run(Options{Root: root, Out: out, Pkg: "./tools/dist/testdata/hello", Targets: []string{target}}, io.Discard)
		if err == nil {
			t.Errorf("target %q accepted", target)
		}
		if _, err := os.Stat(filepath.Join(out, "SHA256SUMS")); err == nil {
			t.Errorf("target %q: SHA256SUMS written", target)
		}
	}
}
