package layout

import (
	"fmt"
	"strings"
)

// dump prints blocks compactly, one block a line, nested blocks indented:
// runs as [text|style|link], styles as letters (b i m s ^).
func dump(blocks []Block) string {
	var b strings.Builder
	dumpBlocks(&b, blocks, "")
	return b.String()
}

func dumpBlocks(b *strings.Builder, blocks []Block, indent string) {
	for _, bl := range blocks {
		switch bl := bl.(type) {
		case Heading:
			fmt.Fprintf(b, "%sh%d %s\n", indent, bl.Level, dumpRuns(bl.Runs))
		case Paragraph:
			fmt.Fprintf(b, "%sp %s\n", indent, dumpRuns(bl.Runs))
		case List:
			kind := "ul"
			if bl.Ordered {
				kind = fmt.Sprintf("ol start=%d", bl.Start)
			}
			if bl.Tight {
				kind += " tight"
			}
			fmt.Fprintf(b, "%s%s\n", indent, kind)
			for _, item := range bl.Items {
				fmt.Fprintf(b, "%s  li\n", indent)
				dumpBlocks(b, item, indent+"    ")
			}
		case Quote:
			fmt.Fprintf(b, "%squote\n", indent)
			dumpBlocks(b, bl.Blocks, indent+"  ")
		case Code:
			fmt.Fprintf(b, "%scode %q\n", indent, bl.Lines)
		case Table:
			fmt.Fprintf(b, "%stable %v\n", indent, bl.Align)
			fmt.Fprintf(b, "%s  th", indent)
			for _, c := range bl.Header {
				fmt.Fprintf(b, " %s", dumpRuns(c))
			}
			b.WriteString("\n")
			for _, row := range bl.Rows {
				fmt.Fprintf(b, "%s  td", indent)
				for _, c := range row {
					fmt.Fprintf(b, " %s", dumpRuns(c))
				}
				b.WriteString("\n")
			}
		case Image:
			fmt.Fprintf(b, "%simg %q alt=%q\n", indent, bl.Dest, bl.Alt)
		case Rule:
			fmt.Fprintf(b, "%shr\n", indent)
		case Footnotes:
			fmt.Fprintf(b, "%sfootnotes\n", indent)
			for _, fn := range bl.Items {
				fmt.Fprintf(b, "%s  fn %d\n", indent, fn.N)
				dumpBlocks(b, fn.Blocks, indent+"    ")
			}
		default:
			fmt.Fprintf(b, "%s%T\n", indent, bl)
		}
	}
}

func dumpRuns(runs []Run) string {
	if len(runs) == 0 {
		return "[]"
	}
	var b strings.Builder
	for _, r := range runs {
		fmt.Fprintf(&b, "[%q", r.Text)
		if r.Style != 0 || r.Link != "" {
			b.WriteString("|" + styleLetters(r.Style))
		}
		if r.Link != "" {
			b.WriteString("|" + r.Link)
		}
		b.WriteString("]")
	}
	return b.String()
}

func styleLetters(s Style) string {
	var b strings.Builder
	for i, c := range "bims^" {
		if s&(1<<i) != 0 {
			b.WriteRune(c)
		}
	}
	return b.String()
}
