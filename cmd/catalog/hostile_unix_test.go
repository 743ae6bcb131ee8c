//go:build unix

package main

import (
	"errors"
	"syscall"
	"testing"
)

func mkfifo(t *testing.T, path string) {
	t.Helper()
	if err := syscall.Mkfifo(path, 0o644); err != nil {
		t.Skipf("no named pipes here: %v", err)
	}
}

// mkdev makes a character device that reads as /dev/zero does; only root
// can, so the case is skipped for others.
func mkdev(t *testing.T, path string) {
	t.Helper()
	err := syscall.Mknod(path, syscall.S_IFCHR|0o644, 1<<8|5)
	if errors.Is(err, syscall.EPERM) {
		t.Skip("making a device needs root")
	}
	if err != nil {
		t.Fatal(err)
	}
}
