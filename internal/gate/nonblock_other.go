//go:build !unix

package gate

// nonBlock is 0 where opening a file cannot wait for a writer to come.
const nonBlock = 0
