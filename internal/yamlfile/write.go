package yamlfile

import (
	"io"

	"gopkg.in/yaml.v3"
)

// Write writes a YAML document with the two-space indentation of the
// project's files.
func Write(w io.Writer, n *yaml.Node) error {
	enc := yaml.NewEncoder(w)
	enc.SetIndent(2)
	if err := enc.Encode(n); err != nil {
		return err
	}
	return enc.Close()
}
