// Command hello stands in for catalog in tools/dist's test: it is quick to
// build, and prints the stamps dist gives it.
package main

import "fmt"

var (
	buildVersion  = ""
	buildRevision = ""
	buildModified = ""
	buildDate     = ""
)

func main() {
	fmt.Printf("%s|%s|%s|%s\n", buildVersion, buildRevision, buildModified, buildDate)
}
