// Package media says what the books can draw of a catalog's media files:
// the size and format of an image, read from its header. The checks warn
// about an image the book would leave out (book-image), and the PDF
// writer embeds the ones it accepts, by the same test.
package media

import (
	"bytes"
	"errors"
	"fmt"
	"image"
	_ "image/jpeg" // for image.DecodeConfig
	_ "image/png"
	"strings"
)

// MaxImagePixels bounds the images the book accepts: PNGs are fully
// decoded to be embedded, and a full A4 page at 300 dpi is under 9
// megapixels.
const MaxImagePixels = 40_000_000

// ImageSize returns the pixel size and format ("png" or "jpeg") of an
// image, reading only its header. Any other format, and images of more than
// 40 megapixels, are errors: an *ImageError, which the checks say in the
// user's language, or the decoder's error for a PNG or JPEG it cannot read.
func ImageSize(data []byte) (wPx, hPx int, format string, err error) {
	cfg, format, err := image.DecodeConfig(bytes.NewReader(data))
	if err != nil {
		if errors.Is(err, image.ErrFormat) {
			return 0, 0, "", &ImageError{Kind: NotImage}
		}
		return 0, 0, "", err
	}
	if format != "png" && format != "jpeg" {
		return 0, 0, "", &ImageError{Kind: OtherFormat, Format: format}
	}
	if cfg.Width <= 0 || cfg.Height <= 0 {
		return 0, 0, "", &ImageError{Kind: NoPixels, Format: format, Width: cfg.Width, Height: cfg.Height}
	}
	if cfg.Width*cfg.Height > MaxImagePixels {
		return 0, 0, "", &ImageError{Kind: TooLarge, Format: format, Width: cfg.Width, Height: cfg.Height}
	}
	return cfg.Width, cfg.Height, format, nil
}

// What is wrong with an image the books do not draw.
const (
	NotImage    = iota + 1 // not a PNG or JPEG image (nor any image Go reads)
	OtherFormat            // an image in another format (GIF)
	NoPixels               // an image of no width or height
	TooLarge               // an image of more than MaxImagePixels
)

// ImageError is an image the books do not draw, and why.
type ImageError struct {
	Kind          int // NotImage, OtherFormat, NoPixels, TooLarge
	Format        string
	Width, Height int
}

func (e *ImageError) Error() string {
	switch e.Kind {
	case OtherFormat:
		return fmt.Sprintf("%s image: only PNG and JPEG are supported", strings.ToUpper(e.Format))
	case NoPixels:
		return fmt.Sprintf("%s image has no pixels (%d×%d)", e.Format, e.Width, e.Height)
	case TooLarge:
		return fmt.Sprintf("image is %d×%d pixels; reduce it below %d megapixels", e.Width, e.Height, MaxImagePixels/1_000_000)
	}
	return "not a PNG or JPEG image"
}
