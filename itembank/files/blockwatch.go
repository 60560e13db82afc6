package files

import "github.com/itemreduce/itemreduce/itembank"

// blockWatch, when a test sets it, is told of the blocks of answers each
// reader (one call of readTable, known by the Responses it returns) holds:
// blockMade when newBlock makes a block, blockGiven when a full block is
// handed on (with its rows and its room for answers), readerDone when
// readTable returns, after which its caller lets go of its blocks
// (tallyTable once the last is counted). Blocks are reused, so a reader
// holds every block it made until then. It is nil otherwise, which costs
// one comparison per block. See TestStreamingHoldsBlocksNotRespondents.
var blockWatch func(ev blockEvent, reader, block *itembank.Responses)

// A blockEvent is what blockWatch is told.
type blockEvent int

const (
	blockMade blockEvent = iota
	blockGiven
	readerDone
)
