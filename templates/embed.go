// Package templates holds the files that ship inside the binary: the
// skeletons of `catalog new` (and, later, the site's templates, CSS and
// JavaScript). A catalog's own templates/ folder overrides them file by file.
package templates

import "embed"

// FS holds every embedded template.
//
//go:embed new
var FS embed.FS
