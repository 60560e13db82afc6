// Package outfile writes the output files of one run together, so that a
// run either leaves every one of its outputs in place or changes nothing.
//
// A Set holds the inputs and the outputs of a run. Commit checks every
// output before it writes any, writes each to a hidden temporary file in
// the folder of the file it replaces, syncs it to disk, and only then
// renames all of them into place. What it promises:
//
//   - An output never replaces an input of the same run, nor another output
//     of it. Files are compared as the system sees them (os.SameFile), so
//     symbolic and hard links and other spellings of a path are caught; an
//     output that does not exist yet is compared by its absolute path with
//     the links of its folder resolved.
//   - An existing file is replaced only when the output's recognise
//     function knows it as an earlier output of the same command, or with
//     Set.Force. Folders, devices and pipes are never replaced.
//   - A replaced file keeps its permissions and, where the process may set
//     it, its owner. A symbolic link stays a link: the file it points at is
//     replaced, in that file's folder. A new file gets the permissions the
//     process's umask gives.
//   - Temporary files are named .NAME.itemreduce-RANDOM.tmp. They are
//     removed when anything fails, when the context is cancelled, and by
//     Abort, which a signal handler calls before the process exits. Only a
//     kill -9 or a power cut can leave one behind; the next Commit to the
//     same output removes those older than its process.
//
// Where it stops: the renames are atomic one by one, not together. A
// rename in the folder where the temporary file was just made fails only
// when the folder changes meanwhile; then the outputs already renamed are
// put back from hard-linked copies (where the file system has hard links)
// or, when they were new, removed. A program reading the outputs during
// the renames may see a new file next to an old one. Two names that differ
// only in case, on a disk that ignores case, are taken for two files when
// neither exists yet.
package outfile
