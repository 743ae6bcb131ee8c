//go:build unix

package load

import (
	"os"
	"syscall"
)

// file is an open file read with plain system calls: an *os.File would
// also register it with the runtime's poller (one more system call, which
// fails for a regular file) and take locks on each call.
type file struct {
	fd   int
	path string
}

// openFile opens path for reading; errors are those of os.Open.
func openFile(path string) (file, error) {
	for {
		fd, err := syscall.Open(path, syscall.O_RDONLY|syscall.O_CLOEXEC, 0)
		if err == syscall.EINTR {
			continue
		}
		if err != nil {
			return file{}, &os.PathError{Op: "open", Path: path, Err: err}
		}
		return file{fd, path}, nil
	}
}

// stat returns the file's size and whether it is a regular file; errors are
// those of (*os.File).Stat.
func (f file) stat() (size int64, regular bool, err error) {
	var st syscall.Stat_t
	for {
		err = syscall.Fstat(f.fd, &st)
		if err != syscall.EINTR {
			break
		}
	}
	if err != nil {
		return 0, false, &os.PathError{Op: "stat", Path: f.path, Err: err}
	}
	return int64(st.Size), st.Mode&syscall.S_IFMT == syscall.S_IFREG, nil
}

// read reads into b; 0 bytes and no error is the end of the file. Errors
// are those of (*os.File).Read.
func (f file) read(b []byte) (int, error) {
	for {
		n, err := syscall.Read(f.fd, b)
		if err == syscall.EINTR {
			continue
		}
		if err != nil {
			return 0, &os.PathError{Op: "read", Path: f.path, Err: err}
		}
		return n, nil
	}
}

func (f file) close() { syscall.Close(f.fd) }
