package files

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/itemreduce/itemreduce/itembank"
)

// File formats LoadFile reads.
const (
	FormatText         = "text"          // delimited text: .csv, .tsv, .txt
	FormatXLSX         = "xlsx"          // Excel workbook: .xlsx, .xlsm
	FormatSAV          = "spss"          // SPSS system file: .sav, .zsav
	formatXLS          = "xls"           // old Excel workbook, not read
	formatODS          = "ods"           // OpenDocument spreadsheet, not read
	formatEncryptedSAV = "encrypted-sav" // SPSS system file saved with a password, not read
	formatNone         = ""              // unknown
)

// ErrFormat reports a file whose format LoadFile does not read.
var ErrFormat = errors.New("unsupported file type")

var formatByExt = map[string]string{
	".csv": FormatText, ".tsv": FormatText, ".txt": FormatText, ".tab": FormatText, ".dat": FormatText, "": FormatText,
	".xlsx": FormatXLSX, ".xlsm": FormatXLSX,
	".sav": FormatSAV, ".zsav": FormatSAV,
	".xls": formatXLS, ".ods": formatODS,
}

// sniffFormat names the format the first bytes of a file announce, or ""
// for text or anything unrecognised.
func sniffFormat(head []byte) string {
	switch {
	case bytes.HasPrefix(head, []byte("$FL2")), bytes.HasPrefix(head, []byte("$FL3")):
		return FormatSAV
	case bytes.HasPrefix(head, []byte("PK\x03\x04")):
		if bytes.Contains(head, []byte("opendocument")) {
			return formatODS
		}
		return FormatXLSX
	case bytes.HasPrefix(head, []byte{0xD0, 0xCF, 0x11, 0xE0}):
		return formatXLS // also an Excel workbook saved with a password
	case isEncryptedSAV(head):
		return formatEncryptedSAV
	}
	return formatNone
}

// isEncryptedSAV reports whether head starts the wrapper SPSS 21 and later
// put around a file saved with a password: "ENCRYPTED" at offset 8 (all
// that PSPP checks) followed by "SAV" for a system file. See "Encrypted
// File Wrappers" in the PSPP developers' manual (pspp-dev.info, 1.6.2).
func isEncryptedSAV(head []byte) bool {
	return len(head) >= 20 && string(head[8:17]) == "ENCRYPTED" && string(head[17:20]) == "SAV"
}

// DetectFormat returns the format of a response file: the one its content
// announces (an SPSS or a workbook signature), else the one its extension
// names. A file whose extension and content disagree is read by content,
// since the content cannot lie.
func DetectFormat(path string, head []byte) (string, error) {
	ext := strings.ToLower(filepath.Ext(path))
	byExt, known := formatByExt[ext]
	format := sniffFormat(head)
	if format == formatNone {
		if !known || byExt == FormatText {
			if !known {
				return "", &itembank.ParseError{File: path, Err: fmt.Errorf("%w %q: save the answers as .csv, .xlsx or .sav", ErrFormat, ext)}
			}
			return FormatText, nil
		}
		if byExt == FormatXLSX || byExt == FormatSAV {
			return "", &itembank.ParseError{File: path, Err: fmt.Errorf("%w: the name says %s, but the file does not start like one; is it damaged, or renamed?", ErrFormat, formatName(byExt))}
		}
		format = byExt
	}
	switch format {
	case formatXLS:
		return "", &itembank.ParseError{File: path, Err: fmt.Errorf("%w: an old Excel workbook (.xls) or one saved with a password; open it in Excel and save it as .xlsx (without password) or as CSV", ErrFormat)}
	case formatODS:
		return "", &itembank.ParseError{File: path, Err: fmt.Errorf("%w: an OpenDocument spreadsheet; save it as .xlsx or as CSV", ErrFormat)}
	case formatEncryptedSAV:
		return "", &itembank.ParseError{File: path, Err: fmt.Errorf("%w: an SPSS file saved with a password (encrypted); open it in SPSS and save it without a password", ErrFormat)}
	}
	return format, nil
}

func formatName(format string) string {
	switch format {
	case FormatXLSX:
		return "an Excel workbook"
	case FormatSAV:
		return "an SPSS file"
	}
	return "a text file"
}

// dataFile is an open response file and the format its name and first
// bytes say it has (see DetectFormat).
type dataFile struct {
	*os.File
	size   int64
	format string
}

func openDataFile(path string) (*dataFile, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	st, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, err
	}
	head := make([]byte, 512)
	n, _ := f.ReadAt(head, 0)
	format, err := DetectFormat(path, head[:n])
	if err != nil {
		f.Close()
		return nil, err
	}
	return &dataFile{File: f, size: st.Size(), format: format}, nil
}
