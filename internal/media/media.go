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
// 40 megapixels, are errors.
func ImageSize(data []byte) (wPx, hPx int, format string, err error) {
	cfg, format, err := image.DecodeConfig(bytes.NewReader(data))
	if err != nil {
		if errors.Is(err, image.ErrFormat) {
			return 0, 0, "", errors.New("not a PNG or JPEG image")
		}
		return 0, 0, "", err
	}
	if format != "png" && format != "jpeg" {
		return 0, 0, "", fmt.Errorf("%s image: only PNG and JPEG are supported", strings.ToUpper(format))
	}
	if cfg.Width <= 0 || cfg.Height <= 0 {
		return 0, 0, "", fmt.Errorf("%s image has no pixels (%d×%d)", format, cfg.Width, cfg.Height)
	}
	if cfg.Width*cfg.Height > MaxImagePixels {
		return 0, 0, "", fmt.Errorf("image is %d×%d pixels; reduce it below %d megapixels", cfg.Width, cfg.Height, MaxImagePixels/1_000_000)
	}
	return cfg.Width, cfg.Height, format, nil
}
