package files

import (
	"errors"
	"strings"
	"testing"
)

// TestDetectFormatEncryptedSAV recognises an SPSS file saved with a
// password by its 36-byte wrapper header, copied from "Encrypted File
// Wrappers" in the PSPP developers' manual (1.6.2), followed by encrypted
// blocks (here arbitrary bytes).
func TestDetectFormatEncryptedSAV(t *testing.T) {
	head := []byte("\x1c\x00\x00\x00\x00\x00\x00\x00ENCRYPTEDSAV\x15\x00\x00\x00" + strings.Repeat("\x00", 16))
	head = append(head, 0x8f, 0x3a, 0xc1, 0x07, 0x55, 0xe2, 0x19, 0xb4)
	for _, name := range []string{"enquete.sav", "enquete.csv"} {
		_, err := DetectFormat(name, head)
		if !errors.Is(err, ErrFormat) || !strings.Contains(err.Error(), "saved with a password (encrypted); open it in SPSS and save it without a password") {
			t.Errorf("%s: err = %v, want an unsupported format saved with a password", name, err)
		}
	}
	// An encrypted syntax file is not taken for a data file saved with a
	// password; under .sav it is a damaged SPSS file as before.
	sps := []byte(strings.Replace(string(head), "SAV", "SPS", 1))
	if _, err := DetectFormat("enquete.sav", sps); err == nil || strings.Contains(err.Error(), "password") {
		t.Errorf("encrypted syntax: err = %v, want a damaged SPSS file", err)
	}
}
