// Package proposalbook writes and reads a team leader's proposal as an
// Excel checklist: a workbook with one row per item of the bank, a yes/no
// drop-down to keep or leave out each item, and a count of the items kept
// against the target that Excel keeps up to date. It is the Excel form of
// the YAML proposal of package reduction (WriteProposalTemplate,
// LoadProposal), and reads to the same reduction.Proposal.
//
// The workbook is written in Dutch (sheet Voorstel, answers ja and nee)
// or in English (sheet Proposal, answers yes and no). It is read in
// either language whatever it was written in, by its headings and labels
// rather than its exact bytes, so that a file Excel, LibreOffice or
// openpyxl saved again is read as well; answers in the other language
// (keep, drop, behouden, schrappen) are read too. Only .xlsx workbooks are
// read: an old .xls file, or one saved with a password, is refused with a
// message saying how to save it.
//
// The package is separate from reduction so that reduction does not
// depend on the workbook library (excelize).
package proposalbook
