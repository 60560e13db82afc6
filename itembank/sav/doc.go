// Package sav reads SPSS system files (.sav) and their zlib-compressed
// variant (.zsav), following the "System File Format" appendix of the GNU
// PSPP developers guide. It uses no cgo and no other project package.
//
// Open reads the dictionary (variables, labels, missing values); Read then
// returns one case at a time, with one Value per variable:
//
//	r, err := sav.Open(f, size, "enquete.sav")
//	if err != nil { ... }
//	for {
//		c, err := r.Read()
//		if err == io.EOF { break }
//		if err != nil { ... }
//		for i, v := range r.File().Variables {
//			if v.IsMissing(c[i]) { continue }
//			...
//		}
//	}
//
// # What is read
//
//   - The file header ("$FL2", or "$FL3" for .zsav) in either byte order,
//     detected from the layout code; a case count of -1 means the data runs
//     to the end of the file (or the extended case count record gives it).
//   - Data that is uncompressed, bytecode-compressed (with the file's bias;
//     control blocks may run across cases) or zlib-compressed in blocks as
//     described by the ZLIB data trailer.
//   - Variable records with their labels, print and write formats and
//     missing values: up to three discrete values, a range, or a range and
//     one value for numeric variables; up to three values for strings.
//     Strings wider than 8 bytes (continuation records) and wider than 255
//     bytes (very long strings in segments, extension subtype 14) become one
//     Variable each.
//   - Value labels (record types 3 and 4) for numeric and short string
//     variables, and for long strings (subtype 21); missing values of long
//     strings (subtype 22); long variable names (subtype 13); measurement
//     levels (subtype 11); the system-missing, HIGHEST and LOWEST values
//     (subtype 4); the weight variable.
//
// Document records and other extension records (multiple response sets,
// attributes, date info, ...) are skipped.
//
// # Values and missing data
//
// Numbers are float64. The system-missing value (normally -math.MaxFloat64,
// or what subtype 4 says) is reported as Value.SysMissing with Num set to
// NaN, so that it cannot be mistaken for a number. In missing-value ranges
// LOWEST and HIGHEST become -Inf and +Inf. Variable.IsMissing reports both
// system- and user-missing values. A stored NaN or infinity is read as
// system-missing too, as PSPP and haven read it.
//
// String values lose their trailing spaces (and trailing NUL bytes, which
// some writers use as padding), as SPSS compares them without. A string
// wider than 255 bytes ends at its first NUL byte, as in PSPP and haven.
// Labels of strings wider than 8 bytes come from the long string value
// labels record (subtype 21), whose values are whole; labels a writer also
// put in a value label record, with values cut to 8 bytes, are dropped.
//
// Compressed data should use bias 100, as SPSS and PSPP write it; another
// bias is used as given with a warning in File.Warnings, as PSPP does.
//
// # Character encoding
//
// All text (names, labels, string values) is decoded to UTF-8 from the
// encoding named by the character encoding record (subtype 20); without
// one, from the code page in the machine integer info record (subtype 3),
// e.g. 1252 for windows-1252 or 65001 for UTF-8; without either, as
// windows-1252, which is what old SPSS files from Windows nearly always
// are. An unknown encoding is read as windows-1252 with a warning in
// File.Warnings. Bytes that are invalid in the encoding become U+FFFD.
//
// # Where it stops
//
//   - Only IEEE 754 floating point is read; the VAX and IBM formats that the
//     format allows on paper fail with ErrUnsupported. Files must use an
//     ASCII-compatible encoding (not EBCDIC or UTF-16).
//   - SPSS portable files (.por) and encrypted files are not read.
//   - Value labels and missing values are not checked against each other
//     or against the data; duplicate labels are kept as they are.
//   - When the header gives a case count, Read stops after that many cases
//     without looking at the rest of the file.
//
// # Errors
//
// A file that cannot be read gives a *ParseError naming the record (e.g.
// "variable record 12", "value label record 2", "case 31") and its byte
// offset; for .zsav data the offset is that of the compressed block. It
// wraps ErrFormat, ErrTruncated or ErrUnsupported. Every count in the file
// is checked against the bytes left before anything is allocated, and zlib
// blocks must inflate to exactly their declared size, so a corrupt or
// hostile file gives an error rather than a panic, a hang or a huge
// allocation. Problems that do not stop reading are collected in
// File.Warnings.
package sav
