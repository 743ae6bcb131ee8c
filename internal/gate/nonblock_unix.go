//go:build unix

package gate

import "syscall"

// nonBlock opens a named pipe without waiting for a writer, so that its
// type can be seen and refused.
const nonBlock = syscall.O_NONBLOCK
