//go:build unix

package load

import "syscall"

// fileStat is what tells a file's content changed without reading it.
type fileStat struct {
	dev, ino          uint64
	size              int64
	modified, changed int64 // nanoseconds since 1970
}

// statFile returns path's fileStat; false when it cannot be had.
func statFile(path string) (fileStat, bool) {
	var st syscall.Stat_t
	if err := syscall.Stat(path, &st); err != nil {
		return fileStat{}, false
	}
	return fileStat{
		dev: uint64(st.Dev), ino: uint64(st.Ino), size: int64(st.Size),
		modified: st.Mtim.Nano(), changed: st.Ctim.Nano(),
	}, true
}
