// Command dist builds catalog's release archives (`make dist`): a static
// binary for each of linux, darwin and windows on amd64 and arm64, packed
// with README.md, CHANGELOG.md and the fonts' licences (LICENSES/) as
// catalog_VERSION_OS_ARCH.tar.gz (zip for Windows), and SHA256SUMS over
// them. VERSION is the first version
// CHANGELOG.md heads (## v0.1.0 …), without its "v": v0.1.0 gives
// catalog_0.1.0_linux_amd64.tar.gz.
//
// Two runs on the same commit, with the same Go, give the same bytes: the
// binaries are built with CGO_ENABLED=0, -trimpath, -buildvcs=false and
// no build ID, their stamps (-X main.buildVersion and the others) come
// from the commit, and the archives hold their files in a fixed order,
// each dated SOURCE_DATE_EPOCH (default: the last commit's time), owned
// by 0:0, with a fixed mode; the gzip header has no name and no time.
//
// Why Go and not a shell script around tar, gzip and zip: GNU tar's
// --sort, --mtime and --owner are not BSD tar's (macOS), zip stamps local
// times and extra fields that differ between builds of Info-ZIP, and
// neither is on a stock Windows. archive/tar, archive/zip and
// compress/gzip behave the same on every platform Go runs on.
//
// Usage: go run ./tools/dist [-out dist] [-targets linux/amd64,…] [-pkg ./cmd/catalog]
package main

import (
	"archive/tar"
	"archive/zip"
	"bufio"
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"
)

// Targets is every platform a release has a binary for.
var Targets = []string{"linux/amd64", "linux/arm64", "darwin/amd64", "darwin/arm64", "windows/amd64", "windows/arm64"}

func main() {
	out := flag.String("out", "dist", "the folder to write the archives and SHA256SUMS into (its old archives are replaced)")
	targets := flag.String("targets", strings.Join(Targets, ","), "the platforms to build, GOOS/GOARCH separated by commas")
	pkg := flag.String("pkg", "./cmd/catalog", "the package to build")
	root := flag.String("root", ".", "the repository's folder: its CHANGELOG.md, README.md and git history")
	flag.Parse()
	if flag.NArg() > 0 {
		fmt.Fprintln(os.Stderr, "dist: no arguments, only flags; see -h")
		os.Exit(2)
	}
	names, err := Run(Options{Root: *root, Out: *out, Pkg: *pkg, Targets: strings.Split(*targets, ",")}, os.Stderr)
	if err != nil {
		fmt.Fprintln(os.Stderr, "dist:", err)
		os.Exit(1)
	}
	for _, n := range names {
		fmt.Println(filepath.Join(*out, n))
	}
}

// Options says what Run builds.
type Options struct {
	Root    string   // the repository
	Out     string   // where the archives go
	Pkg     string   // the package to build, relative to Root
	Targets []string // GOOS/GOARCH
}

// Stamps are what -ldflags -X writes into package main.
type Stamps struct {
	Version  string // v0.1.0
	Revision string // the commit, or "" outside git
	Modified bool   // the working tree differs from the commit
	Epoch    int64  // SOURCE_DATE_EPOCH
}

// Run builds the archives and SHA256SUMS into o.Out and returns their names.
func Run(o Options, log io.Writer) ([]string, error) {
	st, err := ReadStamps(o.Root)
	if err != nil {
		return nil, err
	}
	if err := os.MkdirAll(o.Out, 0o755); err != nil {
		return nil, err
	}
	work, err := os.MkdirTemp("", "catalog-dist-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(work)
	var docs []file
	for _, name := range []string{"README.md", "CHANGELOG.md"} {
		b, err := os.ReadFile(filepath.Join(o.Root, name))
		if err != nil {
			return nil, err
		}
		docs = append(docs, file{name: name, mode: 0o644, data: b})
	}
	for _, l := range licences {
		b, err := moduleFile(o.Root, l.module, l.file)
		if err != nil {
			return nil, err
		}
		docs = append(docs, file{name: l.name, mode: 0o644, data: b})
	}
	version := strings.TrimPrefix(st.Version, "v")
	var names []string
	sums := map[string][32]byte{}
	for _, target := range o.Targets {
		goos, goarch, ok := strings.Cut(strings.TrimSpace(target), "/")
		if !ok || goos == "" || goarch == "" {
			return nil, fmt.Errorf("target %q: want GOOS/GOARCH, as linux/amd64", target)
		}
		fmt.Fprintf(log, "dist: building %s/%s\n", goos, goarch)
		exe := "catalog"
		if goos == "windows" {
			exe += ".exe"
		}
		bin := filepath.Join(work, goos+"_"+goarch, exe)
		if err := build(o.Root, o.Pkg, goos, goarch, bin, st); err != nil {
			return nil, err
		}
		data, err := os.ReadFile(bin)
		if err != nil {
			return nil, err
		}
		files := append([]file{{name: exe, mode: 0o755, data: data}}, docs...)
		base := fmt.Sprintf("catalog_%s_%s_%s", version, goos, goarch)
		var archive []byte
		if goos == "windows" {
			base += ".zip"
			archive, err = zipArchive(files, st.Epoch)
		} else {
			base += ".tar.gz"
			archive, err = tarGz(files, st.Epoch)
		}
		if err != nil {
			return nil, err
		}
		if err := writeFile(filepath.Join(o.Out, base), archive); err != nil {
			return nil, err
		}
		names = append(names, base)
		sums[base] = sha256.Sum256(archive)
	}
	sort.Strings(names)
	var s bytes.Buffer
	for _, n := range names {
		sum := sums[n]
		fmt.Fprintf(&s, "%x  %s\n", sum[:], n) // sha256sum's format: sha256sum -c SHA256SUMS
	}
	if err := writeFile(filepath.Join(o.Out, "SHA256SUMS"), s.Bytes()); err != nil {
		return nil, err
	}
	return append(names, "SHA256SUMS"), nil
}

// licences are the licences that ask to go with the binary: those of the
// fonts it embeds for the PDF books (the SIL Open Font License asks that
// its text go with every copy of the fonts; Go Mono's is Go's BSD
// licence). Taken from the modules themselves, as the fonts are.
var licences = []struct{ module, file, name string }{
	{"github.com/go-fonts/liberation", "LICENSE-SIL", "LICENSES/Liberation-fonts-OFL-1.1.txt"},
	{"golang.org/x/image", "LICENSE", "LICENSES/Go-fonts-BSD-3-Clause.txt"},
}

// moduleFile reads a file of a module that root's go.mod requires, at the
// version it requires (go mod download fetches it when missing).
func moduleFile(root, module, name string) ([]byte, error) {
	cmd := exec.Command("go", "mod", "download", "-json", module)
	cmd.Dir = root
	cmd.Env = append(os.Environ(), "GOFLAGS=")
	out, err := cmd.Output()
	if err != nil {
		return nil, fmt.Errorf("go mod download %s: %v", module, err)
	}
	var m struct{ Dir string }
	if err := json.Unmarshal(out, &m); err != nil || m.Dir == "" {
		return nil, fmt.Errorf("go mod download %s: no folder in %q", module, out)
	}
	return os.ReadFile(filepath.Join(m.Dir, name))
}

// LDFlags are the linker flags of a release: stripped, no build ID, the
// stamps of cmd/catalog/version.go.
func LDFlags(st Stamps) string {
	date := time.Unix(st.Epoch, 0).UTC().Format(time.RFC3339)
	return fmt.Sprintf("-s -w -buildid= -X main.buildVersion=%s -X main.buildRevision=%s -X main.buildModified=%t -X main.buildDate=%s",
		st.Version, st.Revision, st.Modified, date)
}

// build compiles pkg for goos/goarch into bin. The environment is pinned
// where it changes the output: no cgo, the baseline instruction sets, no
// GOFLAGS from the caller.
func build(root, pkg, goos, goarch, bin string, st Stamps) error {
	cmd := exec.Command("go", "build", "-trimpath", "-buildvcs=false", "-mod=readonly", "-ldflags", LDFlags(st), "-o", bin, pkg)
	cmd.Dir = root
	cmd.Env = append(os.Environ(), "CGO_ENABLED=0", "GOOS="+goos, "GOARCH="+goarch, "GOFLAGS=", "GOAMD64=v1", "GOARM64=v8.0", "GOEXPERIMENT=")
	var stderr bytes.Buffer
	cmd.Stdout = os.Stderr
	cmd.Stderr = &stderr
	if err := cmd.Run(); err != nil {
		return fmt.Errorf("go build for %s/%s: %v\n%s", goos, goarch, err, stderr.String())
	}
	return nil
}

var versionHeading = regexp.MustCompile(`^##\s+\[?(v\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?)\]?`)

// ChangelogVersion is the first version CHANGELOG.md heads: "## v0.1.0 —
// 2026-12-06" or "## [v0.1.0]".
func ChangelogVersion(root string) (string, error) {
	f, err := os.Open(filepath.Join(root, "CHANGELOG.md"))
	if err != nil {
		return "", err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if m := versionHeading.FindStringSubmatch(sc.Text()); m != nil {
			return m[1], nil
		}
	}
	if err := sc.Err(); err != nil {
		return "", err
	}
	return "", errors.New("CHANGELOG.md: no heading names a version (## v0.1.0)")
}

// ReadStamps reads the version from the changelog, and the revision, the
// working tree's state and the last commit's time from git.
// SOURCE_DATE_EPOCH, when set, is the date; outside a git checkout it
// must be set.
func ReadStamps(root string) (Stamps, error) {
	var st Stamps
	v, err := ChangelogVersion(root)
	if err != nil {
		return st, err
	}
	st.Version = v
	git := func(args ...string) (string, error) {
		cmd := exec.Command("git", args...)
		cmd.Dir = root
		out, err := cmd.Output()
		return strings.TrimSpace(string(out)), err
	}
	inGit := false
	if rev, err := git("rev-parse", "HEAD"); err == nil && rev != "" {
		inGit = true
		st.Revision = rev
		status, err := git("status", "--porcelain", "--untracked-files=no")
		if err != nil {
			return st, fmt.Errorf("git status: %v", err)
		}
		st.Modified = status != ""
	}
	if s := os.Getenv("SOURCE_DATE_EPOCH"); s != "" {
		st.Epoch, err = strconv.ParseInt(s, 10, 64)
		if err != nil || st.Epoch < 0 {
			return st, fmt.Errorf("SOURCE_DATE_EPOCH=%q: want seconds since 1970", s)
		}
		return st, nil
	}
	if !inGit {
		return st, errors.New("not a git checkout: set SOURCE_DATE_EPOCH (the source's date, in seconds since 1970)")
	}
	ct, err := git("log", "-1", "--format=%ct")
	if err != nil {
		return st, fmt.Errorf("git log: %v", err)
	}
	st.Epoch, err = strconv.ParseInt(ct, 10, 64)
	return st, err
}

// file is one member of an archive.
type file struct {
	name string
	mode int64
	data []byte
}

// tarGz packs files, in their order, as a ustar archive (no PAX records:
// no access or change times), gzipped with no name and no time.
func tarGz(files []file, epoch int64) ([]byte, error) {
	var buf bytes.Buffer
	gz, err := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	if err != nil {
		return nil, err
	}
	tw := tar.NewWriter(gz)
	for _, f := range files {
		h := &tar.Header{
			Typeflag: tar.TypeReg,
			Name:     f.name,
			Mode:     f.mode,
			Size:     int64(len(f.data)),
			ModTime:  time.Unix(epoch, 0).UTC(),
			Format:   tar.FormatUSTAR,
		}
		if err := tw.WriteHeader(h); err != nil {
			return nil, err
		}
		if _, err := tw.Write(f.data); err != nil {
			return nil, err
		}
	}
	if err := tw.Close(); err != nil {
		return nil, err
	}
	if err := gz.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// zipArchive packs files, in their order, deflated, each with the Unix
// mode and the time (in UTC: the MS-DOS field has no zone) it is given.
func zipArchive(files []file, epoch int64) ([]byte, error) {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, f := range files {
		h := &zip.FileHeader{Name: f.name, Method: zip.Deflate, Modified: time.Unix(epoch, 0).UTC()}
		h.SetMode(os.FileMode(f.mode))
		w, err := zw.CreateHeader(h)
		if err != nil {
			return nil, err
		}
		if _, err := w.Write(f.data); err != nil {
			return nil, err
		}
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// writeFile writes data to path through a temporary file in its folder,
// renamed into place: a reader never sees half an archive.
func writeFile(path string, data []byte) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), ".dist-*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Chmod(0o644); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}
