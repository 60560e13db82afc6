package sav

import (
	"compress/zlib"
	"errors"
	"fmt"
	"io"
)

// zblock is one block descriptor of the ZLIB data trailer. Offsets of
// inflated data count as if the inflated stream started at the ZLIB data
// header.
type zblock struct {
	uofs, cofs   int64 // inflated and compressed offset
	usize, csize int64 // inflated and compressed size
}

// zstream inflates the blocks of a .zsav file one after the other into
// the bytecode stream. Each block must inflate to exactly its declared
// size, which bounds the work a hostile file can cause.
type zstream struct {
	r      io.ReaderAt
	blocks []zblock
	cur    int // index of the block being read
	zr     io.ReadCloser
	left   int64 // inflated bytes still due from the current block
	stuck  int   // reads in a row that returned nothing
}

// openZlib reads the ZLIB data header at offset start and the trailer it
// points to, and checks that the blocks tile the file.
func openZlib(c *cursor, r io.ReaderAt, start int64, bias float64) (*zstream, error) {
	c.begin("zlib data header")
	var zheader, ztrailer, ztrailerLen int64
	for _, p := range []*int64{&zheader, &ztrailer, &ztrailerLen} {
		x, err := c.int64()
		if err != nil {
			return nil, err
		}
		*p = x
	}
	switch {
	case zheader != start:
		return nil, c.fail(ErrFormat, "header offset %d, but the header is at %d", zheader, start)
	case ztrailer < start+24 || ztrailer > c.size:
		return nil, c.fail(ErrFormat, "trailer offset %d outside the data (%d-%d)", ztrailer, start+24, c.size)
	case ztrailerLen < 24 || ztrailerLen > c.size-ztrailer:
		return nil, c.fail(ErrFormat, "trailer length %d does not fit at offset %d in a %d-byte file",
			ztrailerLen, ztrailer, c.size)
	}

	c.seek(ztrailer)
	c.begin("zlib data trailer")
	zbias, err := c.int64()
	if err != nil {
		return nil, err
	}
	if _, err := c.int64(); err != nil { // zero
		return nil, err
	}
	blockSize, err := c.int32()
	if err != nil {
		return nil, err
	}
	n, err := c.count("block count", 24)
	if err != nil {
		return nil, err
	}
	switch {
	case float64(-zbias) != bias:
		return nil, c.fail(ErrFormat, "trailer bias %d does not match header bias %v", -zbias, bias)
	case blockSize <= 0:
		return nil, c.fail(ErrFormat, "block size %d", blockSize)
	case ztrailerLen != 24+24*int64(n):
		return nil, c.fail(ErrFormat, "trailer length %d, but %d blocks need %d", ztrailerLen, n, 24+24*n)
	}

	z := &zstream{r: r, blocks: make([]zblock, n)}
	uofs, cofs := zheader, zheader+24
	for i := range z.blocks {
		b := &z.blocks[i]
		at := c.off
		var us, cs int32
		if b.uofs, err = c.int64(); err == nil {
			if b.cofs, err = c.int64(); err == nil {
				if us, err = c.int32(); err == nil {
					cs, err = c.int32()
				}
			}
		}
		if err != nil {
			return nil, err
		}
		b.usize, b.csize = int64(us), int64(cs)
		switch {
		case b.uofs != uofs || b.cofs != cofs:
			return nil, c.failAt(at, ErrFormat, "block %d at offsets %d (inflated) and %d, want %d and %d",
				i+1, b.uofs, b.cofs, uofs, cofs)
		case b.usize < 0 || b.usize > int64(blockSize):
			return nil, c.failAt(at, ErrFormat, "block %d inflated size %d outside 0-%d", i+1, b.usize, blockSize)
		case b.csize < 0 || b.csize > ztrailer-cofs:
			return nil, c.failAt(at, ErrFormat, "block %d compressed size %d overruns the trailer", i+1, b.csize)
		}
		uofs += b.usize
		cofs += b.csize
	}
	if cofs != ztrailer {
		return nil, c.fail(ErrFormat, "blocks end at %d, but the trailer starts at %d", cofs, ztrailer)
	}
	return z, nil
}

func (z *zstream) Read(p []byte) (int, error) {
	for {
		if z.zr == nil {
			if z.cur == len(z.blocks) {
				return 0, io.EOF
			}
			if err := z.open(); err != nil {
				return 0, err
			}
		}
		if z.left > 0 {
			n, err := z.zr.Read(p[:min(int64(len(p)), z.left)])
			z.left -= int64(n)
			if n > 0 {
				z.stuck = 0
				return n, nil
			}
			if err == nil {
				if z.stuck++; z.stuck > 100 {
					return 0, z.errorf("%v", io.ErrNoProgress)
				}
				continue
			}
			if errors.Is(err, io.EOF) {
				b := z.blocks[z.cur]
				return 0, z.errorf("inflates to %d bytes, trailer says %d", b.usize-z.left, b.usize)
			}
			return 0, z.errorf("%v", err)
		}
		// The block must end here, with a valid checksum.
		var extra [1]byte
		if n, err := z.zr.Read(extra[:]); n > 0 {
			return 0, z.errorf("inflates to more than the %d bytes the trailer says", z.blocks[z.cur].usize)
		} else if err != io.EOF {
			if err == nil {
				err = io.ErrNoProgress
			}
			return 0, z.errorf("%v", err)
		}
		z.zr.Close()
		z.zr = nil
		z.cur++
	}
}

func (z *zstream) open() error {
	b := z.blocks[z.cur]
	zr, err := zlib.NewReader(io.NewSectionReader(z.r, b.cofs, b.csize))
	if err != nil {
		return z.errorf("%v", err)
	}
	z.zr, z.left = zr, b.usize
	return nil
}

// errorf returns an error located at the current block.
func (z *zstream) errorf(format string, args ...any) error {
	return &detail{
		kind: ErrFormat,
		msg:  fmt.Sprintf("zlib block %d: %s", z.cur+1, fmt.Sprintf(format, args...)),
		at:   z.blocks[z.cur].cofs,
	}
}

// locate maps an offset in the inflated stream to the file offset of the
// compressed block holding it.
func (z *zstream) locate(uofs int64) int64 {
	for _, b := range z.blocks {
		if uofs < b.uofs+b.usize {
			return b.cofs
		}
	}
	if len(z.blocks) > 0 {
		b := z.blocks[len(z.blocks)-1]
		return b.cofs + b.csize
	}
	return 0
}
