package main

import (
	"fmt"
	"net"
	"strings"
	"testing"
)

// TestServeUsage: serve's usage errors exit 2 with a message a user can act
// on. (Serving itself is tested in internal/serve.)
func TestServeUsage(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	port := ln.Addr().(*net.TCPAddr).Port
	for _, tc := range []struct {
		args []string
		out  string
	}{
		{[]string{"serve", "--dir", "../../catalog", "--port", fmt.Sprint(port)}, fmt.Sprintf("el puerto %d está ocupado: pruebe --port ", port)},
		{[]string{"serve", "--dir", "../../testdata/nowhere", "--port", "0"}, "that folder is not a catalog"},
		{[]string{"serve", "--dir", "../../catalog", "--port", "70000"}, "--port 70000: debe ser un puerto"},
		{[]string{"serve", "extra"}, "unknown command"},
	} {
		code, out, errOut := catalogCmd(t, nil, tc.args...)
		if code != 2 || !strings.Contains(out+errOut, tc.out) {
			t.Errorf("catalog %s: exit %d, want 2 with %q\nstdout: %s\nstderr: %s", strings.Join(tc.args, " "), code, tc.out, out, errOut)
		}
	}
	code, out, _ := catalogCmd(t, nil, "serve", "--help")
	if code != 0 || !strings.Contains(out, "--bind") || !strings.Contains(out, "Example") {
		t.Errorf("serve --help: exit %d\n%s", code, out)
	}
}
