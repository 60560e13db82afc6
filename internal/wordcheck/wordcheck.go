// Package wordcheck checks the project's word lists: a struct with a field
// per phrase (strings, lists of strings, nested structs), one value of it
// per language. The tests of each word list call it, so that a phrase
// missing in one language, or with other format verbs, fails the same way
// everywhere.
package wordcheck

import (
	"fmt"
	"reflect"
	"regexp"
	"slices"
	"strconv"
	"strings"
)

// Verbs matches the format verbs of fmt (%d, %s, %.2f, %%, …).
var Verbs = regexp.MustCompile(`%[-+# 0]*[0-9]*(\.[0-9]+)?[vTtbcdoOqxXUeEfFgGsp%]`)

// Compare walks en and nl, two values of one word-list type, and returns
// a line for each problem: a phrase empty in either language (unless its
// path, such as "Words.Caveat", is in emptyInEnglish, and then only in
// English), a phrase whose format verbs differ in kind or order, a list
// with another number of entries, or a field that is neither a string, a
// list nor a struct. Paths start at root, e.g. "Words.Rules[2]".
func Compare(root string, en, nl any, emptyInEnglish map[string]bool) []string {
	var problems []string
	var walk func(path string, en, nl reflect.Value)
	walk = func(path string, en, nl reflect.Value) {
		switch en.Kind() {
		case reflect.Struct:
			for i := range en.NumField() {
				walk(path+"."+en.Type().Field(i).Name, en.Field(i), nl.Field(i))
			}
		case reflect.Slice, reflect.Array:
			if en.Len() == 0 || en.Len() != nl.Len() {
				problems = append(problems, fmt.Sprintf("%s: %d entries in English, %d in Dutch", path, en.Len(), nl.Len()))
				return
			}
			for i := range en.Len() {
				walk(path+"["+strconv.Itoa(i)+"]", en.Index(i), nl.Index(i))
			}
		case reflect.String:
			e, n := en.String(), nl.String()
			if (strings.TrimSpace(e) == "" && !emptyInEnglish[path]) || strings.TrimSpace(n) == "" {
				problems = append(problems, fmt.Sprintf("%s: empty phrase (en %q, nl %q)", path, e, n))
			}
			if ve, vn := Verbs.FindAllString(e, -1), Verbs.FindAllString(n, -1); !slices.Equal(ve, vn) {
				problems = append(problems, fmt.Sprintf("%s: verbs %v in English, %v in Dutch", path, ve, vn))
			}
		default:
			problems = append(problems, fmt.Sprintf("%s: phrase of kind %s; a word list holds strings, lists and structs only", path, en.Kind()))
		}
	}
	walk(root, reflect.ValueOf(en), reflect.ValueOf(nl))
	return problems
}

// Phrases lists the constant parts (between format verbs, trimmed of
// punctuation) of the phrases of a word list that are at least two words
// long: a page or file in another language should hold none of them.
// Paths in skip (names shared by the languages, such as "Mann-Whitney U")
// and parts holding "|" (lists of alternatives, not sentences) are left
// out.
func Phrases(root string, words any, skip map[string]bool) []string {
	var out []string
	var walk func(path string, v reflect.Value)
	walk = func(path string, v reflect.Value) {
		switch v.Kind() {
		case reflect.Struct:
			for i := range v.NumField() {
				walk(path+"."+v.Type().Field(i).Name, v.Field(i))
			}
		case reflect.Slice, reflect.Array:
			for i := range v.Len() {
				walk(path+"["+strconv.Itoa(i)+"]", v.Index(i))
			}
		case reflect.String:
			if skip[path] {
				return
			}
			for _, part := range Verbs.Split(v.String(), -1) {
				part = strings.Trim(part, " ,.;:()|<>`*")
				if strings.Count(part, " ") >= 1 && !strings.Contains(part, "|") {
					out = append(out, part)
				}
			}
		}
	}
	walk(root, reflect.ValueOf(words))
	return out
}
