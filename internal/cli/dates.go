package cli

import "strings"

// lowerAll lower-cases actor IDs given on the command line.
func lowerAll(ids []string) []string {
	for i := range ids {
		ids[i] = strings.ToLower(ids[i])
	}
	return ids
}
