//go:build !unix

package load

import (
	"io"
	"os"
)

// file is an open file (read_unix.go reads with plain system calls).
type file struct{ f *os.File }

func openFile(path string) (file, error) {
	f, err := os.Open(path)
	return file{f}, err
}

func (f file) stat() (size int64, regular bool, err error) {
	info, err := f.f.Stat()
	if err != nil {
		return 0, false, err
	}
	return info.Size(), info.Mode().IsRegular(), nil
}

// read reads into b; 0 bytes and no error is the end of the file.
func (f file) read(b []byte) (int, error) {
	n, err := f.f.Read(b)
	if err == io.EOF {
		return n, nil
	}
	return n, err
}

func (f file) close() { f.f.Close() }
