package main

import (
	"strings"

	"github.com/urfave/cli/v2"

	"github.com/itemreduce/itemreduce/itembank"
	"github.com/itemreduce/itemreduce/reduction"
)

// langFlag is the --lang option of the commands that write files people
// read: the review file, a proposal checklist and the audit.
func langFlag() cli.Flag {
	return &cli.StringFlag{Name: "lang", Usage: "`LANGUAGE` of the file's comments and words: nl (Nederlands) or en (English); default: the bank's language: key, else en"}
}

// fileLang is the language of the files people read: --lang when given,
// else the bank's language: key, else English. A --lang other than nl or
// en is a mistake on the command line.
func fileLang(c *cli.Context, bank *itembank.Bank) (reduction.Lang, error) {
	if c.IsSet("lang") {
		return langOption(c)
	}
	l, err := reduction.ParseLang(bank.Language)
	if err != nil {
		return "", err // the bank loader accepts only nl and en
	}
	return l, nil
}

// checkLangFlag refuses a --lang other than nl or en before any work is
// done, also where the language is needed only later.
func checkLangFlag(c *cli.Context) error {
	_, err := langOption(c)
	return err
}

// langOption reads --lang: nl or en in any case (English when not given).
func langOption(c *cli.Context) (reduction.Lang, error) {
	l, err := reduction.ParseLang(c.String("lang"))
	if err != nil {
		given := strings.ToLower(strings.TrimSpace(c.String("lang")))
		return "", usageError("--lang %s: write nl (Nederlands) or en (English)%s", c.String("lang"), didYouMean(given, itembank.Languages))
	}
	return l, nil
}

// decimalComma says whether flag writes its CSV for Dutch Excel: as
// --decimal-comma says when given (--decimal-comma=false turns it off),
// else when the bank says language: nl. A bank that does not load says
// nothing here; the screening reports it.
func decimalComma(c *cli.Context) bool {
	if c.IsSet("decimal-comma") {
		return c.Bool("decimal-comma")
	}
	bank, err := itembank.LoadBankFile(c.String("bank"))
	return err == nil && bank.Language == "nl"
}

// langName names a language in the program's messages, which are English.
func langName(l reduction.Lang) string {
	if l == reduction.Dutch {
		return "Dutch"
	}
	return "English"
}
