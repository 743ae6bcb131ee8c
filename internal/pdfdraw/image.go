package pdfdraw

import (
	"catalog/internal/media"

	"bytes"
	"fmt"
	"image"
	"image/color"
	"image/draw"
	"image/png"
)

// imageRec is an image XObject, ready to write.
type imageRec struct {
	idx      int // named /I<idx> in the resources
	wPx, hPx int
	jpeg     bool   // data is a JPEG file (/DCTDecode), else deflated samples
	cs       string // colour space
	cmyk     bool   // an Adobe CMYK JPEG, whose samples are inverted
	data     []byte
	smask    []byte // deflated 8-bit alpha, nil when the image is opaque
}

// newImage checks data completely (a PNG is decoded; a JPEG's header is
// read and the file embedded as it is, so that a damaged JPEG damages only
// its own picture) and prepares the XObject.
func newImage(data []byte) (*imageRec, error) {
	w, h, format, err := media.ImageSize(data)
	if err != nil {
		return nil, err
	}
	im := &imageRec{wPx: w, hPx: h}
	if format == "jpeg" {
		cfg, _, err := image.DecodeConfig(bytes.NewReader(data))
		if err != nil {
			return nil, err
		}
		switch cfg.ColorModel {
		case color.GrayModel:
			im.cs = "DeviceGray"
		case color.CMYKModel:
			im.cs, im.cmyk = "DeviceCMYK", true
		default:
			im.cs = "DeviceRGB"
		}
		im.jpeg = true
		im.data = bytes.Clone(data)
		return im, nil
	}
	img, err := png.Decode(bytes.NewReader(data))
	if err != nil {
		return nil, fmt.Errorf("damaged PNG: %w", err)
	}
	b := img.Bounds()
	var samples, alpha []byte
	switch g := img.(type) {
	case *image.Gray:
		im.cs = "DeviceGray"
		samples = make([]byte, 0, w*h)
		for y := b.Min.Y; y < b.Max.Y; y++ {
			i := g.PixOffset(b.Min.X, y)
			samples = append(samples, g.Pix[i:i+w]...)
		}
	case *image.Gray16:
		im.cs = "DeviceGray"
		samples = make([]byte, 0, w*h)
		for y := b.Min.Y; y < b.Max.Y; y++ {
			i := g.PixOffset(b.Min.X, y)
			for x := range w {
				samples = append(samples, g.Pix[i+2*x])
			}
		}
	default:
		im.cs = "DeviceRGB"
		n, ok := img.(*image.NRGBA)
		if !ok {
			n = image.NewNRGBA(b)
			draw.Draw(n, b, img, b.Min, draw.Src)
		}
		samples = make([]byte, 0, 3*w*h)
		alpha = make([]byte, 0, w*h)
		opaque := true
		for y := b.Min.Y; y < b.Max.Y; y++ {
			row := n.Pix[n.PixOffset(b.Min.X, y):][:4*w]
			for x := 0; x < len(row); x += 4 {
				samples = append(samples, row[x], row[x+1], row[x+2])
				alpha = append(alpha, row[x+3])
				opaque = opaque && row[x+3] == 255
			}
		}
		if opaque {
			alpha = nil
		}
	}
	var z bytes.Buffer
	deflate(&z, samples) // writing to a bytes.Buffer cannot fail
	im.data = bytes.Clone(z.Bytes())
	if alpha != nil {
		z.Reset()
		deflate(&z, alpha)
		im.smask = bytes.Clone(z.Bytes())
	}
	return im, nil
}

// Image draws the image data at (x, y) with size w×h mm; if w or h is 0 (or
// negative) it follows from the other and the aspect ratio, and if both are,
// the image is drawn at 96 dpi. The image is embedded once per name: later
// calls with the same name reuse it and ignore data. A bad image returns an
// error and leaves the document usable.
func (d *Doc) Image(name string, data []byte, x, y, w, h float64) error {
	if !d.drawable("Image") {
		return d.err
	}
	im := d.images[name]
	if im == nil {
		var err error
		if im, err = newImage(data); err != nil {
			return fmt.Errorf("image %s: %w", name, err)
		}
		d.imgList = append(d.imgList, im)
		im.idx = len(d.imgList)
		d.images[name] = im
	}
	w, h = max(w, 0), max(h, 0)
	switch {
	case w == 0 && h == 0:
		w, h = float64(im.wPx)*25.4/96, float64(im.hPx)*25.4/96
	case w == 0:
		w = h * float64(im.wPx) / float64(im.hPx)
	case h == 0:
		h = w * float64(im.hPx) / float64(im.wPx)
	}
	b := d.begin()
	d.endText(b)
	buf := b.AvailableBuffer()
	if d.st != nil {
		kind, e := d.want()
		buf = d.mark(buf, kind, e, false)
		d.figureBox(d.rect(x, y, w, h))
	}
	buf = append(buf, "q "...)
	buf = appendNum(buf, w*k, 3)
	buf = append(buf, " 0 0 "...)
	buf = appendNum(buf, h*k, 3)
	buf = append(buf, ' ')
	buf = appendNum(buf, x*k, 3)
	buf = append(buf, ' ')
	buf = appendNum(buf, (d.pageH-y-h)*k, 3)
	buf = append(buf, " cm /I"...)
	buf = appendNum(buf, float64(im.idx), 0)
	buf = append(buf, " Do Q\n"...)
	b.Write(buf)
	return nil
}
