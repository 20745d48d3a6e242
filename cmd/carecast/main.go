// Command carecast forecasts, funds and reports on jointly commissioned
// children's residential care. See README.md.
package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"runtime/debug"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/carecast/carecast"
	"github.com/carecast/carecast/forecast"
	"github.com/carecast/carecast/internal/atomicfile"
	"github.com/carecast/carecast/internal/render"
	"github.com/spf13/cobra"
	"golang.org/x/term"
)

// Exit statuses, the same for every command (docs/methodology.md §13).
const (
	exitOK       = 0
	exitInput    = 1 // the input has errors, listed on stderr
	exitUsage    = 2 // the command line is wrong
	exitInternal = 3 // anything else: a file could not be written, a bug
)

const exitHelp = `Exit status: 0 done, 1 the input has errors (listed on stderr),
2 the command line is wrong, 3 anything else (an output could not be written);
stopped by a signal, 128 and its number (130 for Ctrl-C), nothing half-written.`

// streams are where a command reads and writes; tests pass buffers.
type streams struct {
	Out, Err io.Writer
	// OutTTY is true when Out is a terminal: aligned tables rather than
	// tab-separated text. ErrTTY likewise decides progress bars.
	OutTTY, ErrTTY bool
	// ProgressAfter is how long work runs before a progress bar shows;
	// 0 means a second. Tests shorten it.
	ProgressAfter time.Duration
	// Quiet (--quiet) drops the lines saying what was written, and the
	// progress bars; warnings and errors stay.
	Quiet bool
}

// wrote says on stderr that each of paths was written, unless --quiet.
func (s *streams) wrote(paths ...string) {
	if s.Quiet {
		return
	}
	for _, p := range paths {
		fmt.Fprintln(s.Err, "wrote", carecast.Printable(p))
	}
}

// note says a line of news on stderr (what was written, what to do
// next), unless --quiet.
func (s *streams) note(format string, args ...any) {
	if !s.Quiet {
		fmt.Fprintf(s.Err, format, args...)
	}
}

func systemStreams() *streams {
	return &streams{
		Out: os.Stdout, Err: os.Stderr,
		OutTTY: term.IsTerminal(int(os.Stdout.Fd())),
		ErrTTY: term.IsTerminal(int(os.Stderr.Fd())),
	}
}

// inputError means the input has errors (exit 1); they were listed already.
type inputError struct{ err error }

func (e inputError) Error() string { return e.err.Error() }
func (e inputError) Unwrap() error { return e.err }

// usageError means the command line is wrong (exit 2).
type usageError struct{ err error }

func (e usageError) Error() string { return e.err.Error() }
func (e usageError) Unwrap() error { return e.err }

func newRootCmd(io *streams) *cobra.Command {
	root := &cobra.Command{
		Use:   "carecast",
		Short: "Forecast, fund and report on jointly commissioned children's residential care",
		Long: `carecast forecasts what a group of councils saves by pooling pledges to
block-contract residential rooms for looked-after children instead of
spot-purchasing placements: month by month, by council and by UK financial
year, with the pooled fund's ledger, a workbook for finance officers and
charts for cabinet papers. The method, with worked examples and the source
of every default, is docs/methodology.md in the carecast repository.

` + exitHelp,
		SilenceUsage:  true,
		SilenceErrors: true,
		Version:       buildVersion(),
	}
	// --version prints the module version and source revision, nothing else.
	root.SetVersionTemplate("{{.Version}}\n")
	root.SetOut(io.Out)
	root.SetErr(io.Err)
	root.SetFlagErrorFunc(func(c *cobra.Command, err error) error { return usageError{err} })
	root.PersistentFlags().BoolVarP(&io.Quiet, "quiet", "q", false, "say nothing of the files written (no 'wrote' lines, no progress bar); warnings and errors still show")
	root.PersistentPreRunE = func(cmd *cobra.Command, args []string) error { return refuseDash(cmd) }
	root.AddCommand(newForecastCmd(io, nil))
	root.AddCommand(newValidateCmd(io, nil))
	root.AddCommand(newInitCmd(io, nil))
	root.AddCommand(newChartsCmd(io, nil))
	root.AddCommand(newSensitivityCmd(io, nil))
	root.AddCommand(newSimulateCmd(io, nil))
	root.AddCommand(newSizeCmd(io, nil))
	root.AddCommand(newPaperCmd(io, nil))
	root.AddCommand(newCompareCmd(io, nil))
	root.AddCommand(newJournalCmd(io, nil))
	root.AddCommand(newDemandCmd(io, nil))
	root.AddCommand(newMonitorCmd(io, nil))
	return root
}

func main() {
	if os.Getenv("GOMEMLIMIT") == "" {
		// The garbage collector works harder as the heap nears this, so
		// that a command within its caps (at most 1 GiB of Monte Carlo
		// figures at once) stays within 1.5 GB: by default the heap may
		// grow to twice what is live, the last size's figures not yet
		// collected beside the next size's.
		debug.SetMemoryLimit(memoryLimit)
	}
	os.Exit(runProcess(os.Args[1:], systemStreams()))
}

// memoryLimit is the soft limit on the Go heap (GOMEMLIMIT overrides it).
const memoryLimit = 1300 << 20

// runProcess is run with the process around it. The run's temporary
// files (the browser's profile, pages handed to it) go into one private
// folder (0700, TMPDIR for the run and for Chromium) that is removed on
// exit. On SIGINT, SIGTERM or SIGHUP it stops: a commit of outputs in
// progress finishes, every other temporary and lock in the output folders
// goes, the browser stops (its helpers too: stopLeftovers), the private
// folder is removed, and the exit status is 128 and the signal's number
// (130 for Ctrl-C).
func runProcess(args []string, io *streams) int {
	tmp, err := os.MkdirTemp("", "carecast-")
	if err == nil {
		os.Setenv("TMPDIR", tmp)
		defer func() {
			if browserStarted.Load() {
				stopLeftovers(tmp)
			}
			removeTemp(tmp)
		}()
	} else {
		tmp = ""
	}
	sigs := make(chan os.Signal, 1)
	signal.Notify(sigs, syscall.SIGINT, syscall.SIGTERM, syscall.SIGHUP)
	defer signal.Stop(sigs)
	// Once stopped, the run says nothing more: its errors are those of
	// the stopping.
	gate := &gate{}
	runIO := *io
	runIO.Out, runIO.Err = gate.wrap(io.Out), gate.wrap(io.Err)
	done := make(chan int, 1)
	go func() { done <- run(args, &runIO) }()
	select {
	case code := <-done:
		return code
	case sig := <-sigs:
		gate.close()
		atomicfile.Interrupt()
		render.StopAll()
		if tmp != "" {
			if browserStarted.Load() {
				stopLeftovers(tmp)
			}
			removeTemp(tmp)
		}
		fmt.Fprintf(io.Err, "carecast: stopped by %s; no output was left half-written\n", sig)
		if s, ok := sig.(syscall.Signal); ok {
			return 128 + int(s)
		}
		return exitInternal
	}
}

// gate passes writes through until closed, then drops them.
type gate struct {
	mu     sync.Mutex
	closed bool
}

func (g *gate) close() {
	g.mu.Lock()
	g.closed = true
	g.mu.Unlock()
}

func (g *gate) wrap(w io.Writer) io.Writer { return gatedWriter{g, w} }

type gatedWriter struct {
	g *gate
	w io.Writer
}

func (w gatedWriter) Write(p []byte) (int, error) {
	w.g.mu.Lock()
	defer w.g.mu.Unlock()
	if w.g.closed {
		return len(p), nil
	}
	return w.w.Write(p)
}

// removeTemp removes the run's private folder, trying again for a moment
// while a browser that is stopping still writes in it.
func removeTemp(dir string) {
	for range 50 {
		if err := os.RemoveAll(dir); err == nil {
			if _, err := os.Lstat(dir); os.IsNotExist(err) {
				return
			}
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// run executes the command line and maps errors to exit statuses: the one
// place that does.
func run(args []string, io *streams) int {
	err := execute(args, io)
	if err == nil {
		return exitOK
	}
	var ie inputError
	var ue usageError
	var oe *forecast.OverflowError
	var pe panicError
	switch {
	case errors.As(err, &pe):
		// A bug: exit 3, never the usage status 2 Go gives a panic.
		fmt.Fprintln(io.Err, "carecast: internal error (a bug in carecast; please report it with the command line):", carecast.Printable(pe.Error()))
		return exitInternal
	case errors.As(err, &ie) || errors.As(err, &oe): // an overflow comes of the inputs' values
		fmt.Fprintln(io.Err, "carecast:", carecast.Printable(err.Error()))
		return exitInput
	case errors.As(err, &ue) || isCobraUsage(err):
		fmt.Fprintln(io.Err, "carecast:", carecast.Printable(err.Error()))
		fmt.Fprintln(io.Err, "Run 'carecast --help' for usage.")
		return exitUsage
	default:
		fmt.Fprintln(io.Err, "carecast:", carecast.Printable(err.Error()))
		return exitInternal
	}
}

// execute runs the command line; a panic in it comes back as a
// panicError.
func execute(args []string, io *streams) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = panicError{value: r, stack: debug.Stack()}
		}
	}()
	root := newRootCmd(io)
	root.SetArgs(args)
	return root.Execute()
}

// panicError is a panic recovered from a command: a bug.
type panicError struct {
	value any
	stack []byte
}

func (e panicError) Error() string {
	if at := panicSite(e.stack); at != "" {
		return fmt.Sprintf("%v (at %s)", e.value, at)
	}
	return fmt.Sprint(e.value)
}

// panicSite is the file and line where a panic began: the first frame of
// the stack after the panic and the runtime's own frames, as
// "workbook/options.go:75".
func panicSite(stack []byte) string {
	lines := strings.Split(string(stack), "\n")
	seen := false
	for i := 0; i+1 < len(lines); i++ {
		fn := lines[i]
		if strings.HasPrefix(fn, "panic(") {
			seen = true
			continue
		}
		if !seen || strings.HasPrefix(fn, "\t") || strings.HasPrefix(fn, "runtime.") || strings.HasPrefix(fn, "goroutine ") {
			continue
		}
		file := strings.TrimSpace(lines[i+1])
		if j := strings.LastIndex(file, " +0x"); j >= 0 {
			file = file[:j]
		}
		// The package's folder and the file: no home folder in the message.
		parts := strings.Split(file, "/")
		return strings.Join(parts[max(0, len(parts)-2):], "/")
	}
	return ""
}

// stdoutOK marks an output flag for which "-" means standard output
// (cobra annotation): a command with one output file.
const stdoutOK = "carecast-stdout"

// outputFlags are the flags that name where outputs go.
var outputFlags = []string{"out", "png", "csv"}

// refuseDash refuses "-" for an output flag that cannot mean standard
// output (a command that writes several files into a folder): it would
// make a folder named "-". ./- names such a folder.
func refuseDash(cmd *cobra.Command) error {
	for _, name := range outputFlags {
		f := cmd.Flags().Lookup(name)
		if f == nil || f.Value.String() != "-" || f.Annotations[stdoutOK] != nil {
			continue
		}
		return usageError{fmt.Errorf("--%s -: '%s' writes files into a folder, not to standard output; give a folder name (./- for a folder named -)", name, cmd.CommandPath())}
	}
	return nil
}

// allowStdout lets "-" name standard output for the output flag name.
func allowStdout(cmd *cobra.Command, name string) {
	cmd.Flags().SetAnnotation(name, stdoutOK, []string{"true"})
}

// isCobraUsage recognises the usage errors cobra makes itself.
func isCobraUsage(err error) bool {
	s := err.Error()
	for _, p := range []string{"unknown command", "unknown flag", "unknown shorthand flag", "flag needs an argument", "invalid argument", "accepts ", "requires at least", "required flag"} {
		if len(s) >= len(p) && s[:len(p)] == p {
			return true
		}
	}
	return false
}

// maxArgs is cobra.MaximumNArgs reported as a usage error.
func maxArgs(n int) cobra.PositionalArgs {
	return func(cmd *cobra.Command, args []string) error {
		if err := cobra.MaximumNArgs(n)(cmd, args); err != nil {
			return usageError{err}
		}
		return nil
	}
}

// exactArgs is cobra.ExactArgs reported as a usage error.
func exactArgs(n int) cobra.PositionalArgs {
	return func(cmd *cobra.Command, args []string) error {
		if err := cobra.ExactArgs(n)(cmd, args); err != nil {
			return usageError{err}
		}
		return nil
	}
}

// outFlag reports whether the folder flag name was given on the command
// line; given empty (--out ""), it is a usage error rather than a quiet
// write into the current folder.
func outFlag(cmd *cobra.Command, name string) (given bool, err error) {
	f := cmd.Flags().Lookup(name)
	if f == nil || !f.Changed {
		return false, nil
	}
	if f.Value.String() == "" {
		return true, usageError{fmt.Errorf("--%s needs a folder name; it was given empty", name)}
	}
	return true, nil
}
