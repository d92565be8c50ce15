// Package localdb runs relmap's local Neo4j: Neo4j Community in embedded mode
// with its Bolt connector, fetched from Maven Central and started by a small
// Java launcher whose sources are embedded in the binary, so `relmap db start`
// works on any machine with a JDK and Maven, inside the repository or not.
//
// The launcher's classpath is resolved once per launcher version and cached;
// the database's port, process id and generated password live in a state file
// that only the user can read.
package localdb

import (
	"bufio"
	"bytes"
	"context"
	"crypto/rand"
	"crypto/sha256"
	"embed"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"time"
)

//go:embed launcher/pom.xml launcher/src/main/java/relmap/Launcher.java
var launcherFS embed.FS

// Neo4jVersion is the Neo4j release the launcher pins.
const Neo4jVersion = "5.26.30"

// StateFileName is the name of the state file inside the data directory.
const StateFileName = "relmap-state.json"

// BookmarkFileName is the file in the data directory that carries the last
// bookmark from one relmap process to the next (see neo4jstore).
const BookmarkFileName = "relmap-bookmarks.json"

// stopFileName, in the database's home, asks the launcher to shut down: a
// request that works the same on every platform (Windows has no SIGTERM
// for a process without a console).
const stopFileName = "relmap-stop"

// launcherClass names the launcher in the JVM's command line.
const launcherClass = "relmap.Launcher"

// DefaultPort is Bolt's usual port.
const DefaultPort = 7687

// Config says where and how to run the local database.
type Config struct {
	DataDir     string // database files, logs and the state file
	CacheDir    string // the launcher's built classpath
	Port        int    // 0 picks a free port
	HeapMB      int
	PageCacheMB int
	Timeout     time.Duration // how long start waits for Bolt
	Progress    io.Writer     // status lines for the user; may be nil
}

// State is what the state file records about a running (or last run)
// database.
type State struct {
	PID      int    `json:"pid"`
	Port     int    `json:"port"`
	User     string `json:"user"`
	Password string `json:"password"`
	DataDir  string `json:"data_dir"`
	Version  string `json:"neo4j_version"`
	LogFile  string `json:"log_file"`

	// Warning says what ReadState found wrong and put right (a state file
	// others could read); empty when nothing was.
	Warning string `json:"-"`
	// exposed is true when others could read the state file, password
	// included: the next start chooses a new password.
	exposed bool
}

// URI is the Bolt address of the database.
func (s State) URI() string { return fmt.Sprintf("bolt://127.0.0.1:%d", s.Port) }

// ErrPrerequisite is returned when java, javac or mvn is missing.
var ErrPrerequisite = errors.New("missing prerequisite")

// ErrNotRunning is returned by Stop when no database is running.
var ErrNotRunning = errors.New("the local Neo4j is not running")

// ErrAlreadyRunning is returned by Start when the database runs already.
var ErrAlreadyRunning = errors.New("the local Neo4j is already running")

// DefaultDataDir is $XDG_DATA_HOME/relmap/neo4j (or ~/.local/share/…).
func DefaultDataDir() string {
	base := os.Getenv("XDG_DATA_HOME")
	if base == "" {
		home, _ := os.UserHomeDir()
		base = filepath.Join(home, ".local", "share")
	}
	return filepath.Join(base, "relmap", "neo4j")
}

// DefaultCacheDir is $XDG_CACHE_HOME/relmap (or ~/.cache/relmap).
func DefaultCacheDir() string {
	base, err := os.UserCacheDir()
	if err != nil {
		base = os.TempDir()
	}
	return filepath.Join(base, "relmap")
}

// StatePath is the state file of a data directory.
func StatePath(dataDir string) string { return filepath.Join(dataDir, StateFileName) }

// BookmarkPath is the bookmark file of a data directory.
func BookmarkPath(dataDir string) string { return filepath.Join(dataDir, BookmarkFileName) }

// ErrCorruptState is returned by ReadState for a state file it cannot use.
// Falling back to the default port instead could connect to someone else's
// server with the wrong credentials, so it is an error that says what to do.
var ErrCorruptState = errors.New("the local database's state file is damaged")

// ReadState reads the state file of dataDir. A missing file is
// fs.ErrNotExist; a file that is not a complete state is ErrCorruptState.
// A state file that others can read is made private again, and the
// returned state's Warning says so.
func ReadState(dataDir string) (State, error) {
	var s State
	path := StatePath(dataDir)
	b, err := os.ReadFile(path)
	if err != nil {
		return s, err
	}
	corrupt := func(what string) error {
		return fmt.Errorf("%w: %s: %s. If the local database is running, stop its Java process (%s) by hand; "+
			"then delete the file and run `relmap db start` again", ErrCorruptState, path, what, launcherClass)
	}
	if err := json.Unmarshal(b, &s); err != nil {
		return State{}, corrupt(err.Error())
	}
	switch {
	case s.Port <= 0 || s.Port > 65535:
		return State{}, corrupt(fmt.Sprintf("port %d", s.Port))
	case s.PID < 0:
		return State{}, corrupt(fmt.Sprintf("pid %d", s.PID))
	case s.Password == "":
		return State{}, corrupt("no password")
	}
	if fixed, mode, err := makePrivate(path, 0o600); err != nil {
		return State{}, err
	} else if fixed {
		s.exposed = true
		s.Warning = fmt.Sprintf("%s had mode %04o, readable by others; it is 0600 again. "+
			"Consider its password known: the next `relmap db start` chooses a new one", path, mode)
	}
	return s, nil
}

// makePrivate takes away the permissions of group and others from path,
// keeping the owner's (want is the mode a new one gets). It reports
// whether it had to, and the mode found. Windows keeps no such bits.
func makePrivate(path string, want os.FileMode) (bool, os.FileMode, error) {
	fi, err := os.Stat(path)
	if err != nil {
		return false, 0, err
	}
	mode := fi.Mode().Perm()
	if runtime.GOOS == "windows" || mode&0o077 == 0 {
		return false, mode, nil
	}
	if err := os.Chmod(path, mode&^0o077|want&0o700); err != nil {
		return false, mode, fmt.Errorf("%s has mode %04o, readable by others, and could not be made private: %w", path, mode, err)
	}
	return true, mode, nil
}

func writeState(s State) error {
	b, err := json.MarshalIndent(s, "", "  ")
	if err != nil {
		return err
	}
	path := StatePath(s.DataDir)
	tmp := path + ".tmp"
	if err := os.WriteFile(tmp, b, 0o600); err != nil {
		return err
	}
	// WriteFile keeps the mode of an existing file; make sure it is 0600.
	if err := os.Chmod(tmp, 0o600); err != nil {
		return err
	}
	return os.Rename(tmp, path)
}

// Running reports whether the process recorded in s is our launcher and alive.
func Running(s State) bool { return isLauncher(s.PID) }

// CheckPrerequisites reports which of java, javac and mvn are missing.
func CheckPrerequisites() error {
	var missing []string
	for _, tool := range []string{"java", "javac", "mvn"} {
		if _, err := exec.LookPath(tool); err != nil {
			missing = append(missing, tool)
		}
	}
	if len(missing) == 0 {
		return nil
	}
	return fmt.Errorf("%w: %s not found on PATH. The local Neo4j needs a JDK 17 and Maven "+
		"(Debian: apt-get install openjdk-17-jdk-headless maven). Or use any Neo4j 5 instead: "+
		"set NEO4J_URI (e.g. Docker `neo4j:5`, Neo4j Desktop, Aura) with NEO4J_USERNAME and NEO4J_PASSWORD",
		ErrPrerequisite, strings.Join(missing, ", "))
}

// launcherHash identifies the embedded launcher sources, so a changed pom or
// launcher gets a fresh build while an unchanged one reuses the cache.
func launcherHash() (string, error) {
	h := sha256.New()
	err := fs.WalkDir(launcherFS, "launcher", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := launcherFS.ReadFile(path)
		if err != nil {
			return err
		}
		fmt.Fprintf(h, "%s\x00%d\x00", path, len(b))
		h.Write(b)
		return nil
	})
	return hex.EncodeToString(h.Sum(nil))[:16], err
}

// Build makes sure the launcher is compiled and its classpath resolved, and
// returns the Java classpath to run it with. The first call fetches Neo4j from
// Maven Central; later calls return the cached result.
func Build(ctx context.Context, cacheDir string, progress io.Writer) (string, error) {
	if err := CheckPrerequisites(); err != nil {
		return "", err
	}
	hash, err := launcherHash()
	if err != nil {
		return "", err
	}
	dir := filepath.Join(cacheDir, "launcher-"+hash)
	cpFile := filepath.Join(dir, "classpath.txt")
	classes := filepath.Join(dir, "classes")
	done := filepath.Join(dir, "ok")
	if _, err := os.Stat(done); err == nil {
		cp, err := os.ReadFile(cpFile)
		if err == nil {
			return classes + string(os.PathListSeparator) + strings.TrimSpace(string(cp)), nil
		}
	}
	// Build in a temporary directory and rename, so an interrupted build never
	// leaves a half-made cache entry behind.
	if err := os.MkdirAll(cacheDir, 0o755); err != nil {
		return "", err
	}
	tmp, err := os.MkdirTemp(cacheDir, "build-")
	if err != nil {
		return "", err
	}
	defer os.RemoveAll(tmp)
	err = fs.WalkDir(launcherFS, "launcher", func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		target := filepath.Join(tmp, strings.TrimPrefix(path, "launcher"))
		if d.IsDir() {
			return os.MkdirAll(target, 0o755)
		}
		b, err := launcherFS.ReadFile(path)
		if err != nil {
			return err
		}
		return os.WriteFile(target, b, 0o644)
	})
	if err != nil {
		return "", err
	}
	if progress != nil {
		fmt.Fprintf(progress, "Fetching Neo4j %s from Maven Central (first start only)...\n", Neo4jVersion)
	}
	var log bytes.Buffer
	mvn := exec.CommandContext(ctx, "mvn", "-B", "-q", "-f", filepath.Join(tmp, "pom.xml"),
		"dependency:build-classpath", "-Dmdep.outputFile="+filepath.Join(tmp, "classpath.txt"))
	mvn.Stdout, mvn.Stderr = &log, &log
	if err := mvn.Run(); err != nil {
		return "", fmt.Errorf("resolving Neo4j with Maven failed: %v\n%s", err, tail(log.String(), 20))
	}
	cp, err := os.ReadFile(filepath.Join(tmp, "classpath.txt"))
	if err != nil {
		return "", err
	}
	log.Reset()
	javac := exec.CommandContext(ctx, "javac", "-nowarn", "-d", filepath.Join(tmp, "classes"),
		"-cp", strings.TrimSpace(string(cp)),
		filepath.Join(tmp, "src", "main", "java", "relmap", "Launcher.java"))
	javac.Stdout, javac.Stderr = &log, &log
	if err := javac.Run(); err != nil {
		return "", fmt.Errorf("compiling the Neo4j launcher failed: %v\n%s", err, tail(log.String(), 20))
	}
	if err := os.WriteFile(filepath.Join(tmp, "ok"), nil, 0o644); err != nil {
		return "", err
	}
	os.RemoveAll(dir)
	if err := os.Rename(tmp, dir); err != nil {
		return "", err
	}
	return classes + string(os.PathListSeparator) + strings.TrimSpace(string(cp)), nil
}

func newPassword() (string, error) {
	b := make([]byte, 24)
	if _, err := rand.Read(b); err != nil {
		return "", err
	}
	return base64.RawURLEncoding.EncodeToString(b), nil
}

func freePort() (int, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port, nil
}

// Start builds the launcher if needed, starts Neo4j in the background and
// returns once Bolt accepts connections, or fails with the launcher log's tail.
func Start(ctx context.Context, cfg Config) (State, error) {
	if cfg.DataDir == "" {
		cfg.DataDir = DefaultDataDir()
	}
	dataDir, err := filepath.Abs(cfg.DataDir)
	if err != nil {
		return State{}, err
	}
	if cfg.CacheDir == "" {
		cfg.CacheDir = DefaultCacheDir()
	}
	if cfg.HeapMB == 0 {
		cfg.HeapMB = 768
	}
	if cfg.PageCacheMB == 0 {
		cfg.PageCacheMB = 256
	}
	if cfg.Timeout == 0 {
		cfg.Timeout = 3 * time.Minute
	}
	if cfg.Port < 0 || cfg.Port > 65535 {
		return State{}, fmt.Errorf("%w: %d is not a TCP port (1-65535, or 0 for a free one)", ErrBadPort, cfg.Port)
	}
	if err := os.MkdirAll(dataDir, 0o700); err != nil {
		return State{}, err
	}
	// The directory holds the state file and the database's files: a
	// directory made earlier by someone else's umask (0777) is closed.
	if fixed, mode, err := makePrivate(dataDir, 0o700); err != nil {
		return State{}, err
	} else if fixed {
		progressf(cfg.Progress, "The data directory %s had mode %04o; it is %04o now, so only you can reach the database's files.\n",
			dataDir, mode, mode&^0o077)
	}
	prev, prevErr := ReadState(dataDir)
	if prevErr != nil && !errors.Is(prevErr, fs.ErrNotExist) {
		return State{}, prevErr
	}
	if prev.Warning != "" {
		progressf(cfg.Progress, "%s\n", prev.Warning)
	}
	if prevErr == nil && Running(prev) {
		return prev, ErrAlreadyRunning
	}
	cp, err := Build(ctx, cfg.CacheDir, cfg.Progress)
	if err != nil {
		return State{}, err
	}
	st := State{DataDir: dataDir, User: "neo4j", Version: Neo4jVersion, Port: cfg.Port,
		LogFile: filepath.Join(dataDir, "launcher.log")}
	// Keep the password across restarts so that scripts holding it keep
	// working, unless others could read it.
	if !prev.exposed {
		st.Password = prev.Password
	}
	if st.Password == "" {
		if st.Password, err = newPassword(); err != nil {
			return State{}, err
		}
	}
	if st.Port == 0 {
		if st.Port, err = freePort(); err != nil {
			return State{}, err
		}
	}
	if portBusy(st.Port) && prev.PID > 0 {
		// A database that just died may hold its port a moment longer.
		for i := 0; i < 50 && portBusy(st.Port); i++ {
			time.Sleep(100 * time.Millisecond)
		}
	}
	if portBusy(st.Port) {
		return State{}, fmt.Errorf("port %d on 127.0.0.1 is already in use; choose another with --port (0 picks a free one)", st.Port)
	}
	home := filepath.Join(dataDir, "home")
	if err := os.Remove(filepath.Join(home, stopFileName)); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return State{}, err
	}
	logf, err := os.OpenFile(st.LogFile, os.O_CREATE|os.O_WRONLY|os.O_TRUNC, 0o600)
	if err != nil {
		return State{}, err
	}
	defer logf.Close()
	cmd := exec.Command("java",
		fmt.Sprintf("-Xms%dm", min(cfg.HeapMB, 256)), fmt.Sprintf("-Xmx%dm", cfg.HeapMB),
		"-XX:+UseSerialGC", "-Dfile.encoding=UTF-8",
		// As Neo4j's own launcher does, so the page cache can use direct buffers.
		"--add-opens=java.base/java.nio=ALL-UNNAMED", "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
		"--add-opens=java.base/java.io=ALL-UNNAMED", "-Dio.netty.tryReflectionSetAccessible=true",
		"-cp", cp, launcherClass,
		home, strconv.Itoa(st.Port), strconv.Itoa(cfg.PageCacheMB))
	cmd.Stdout, cmd.Stderr = logf, logf
	// The password goes through a pipe: never in arguments or the environment.
	stdin, err := cmd.StdinPipe()
	if err != nil {
		return State{}, err
	}
	cmd.SysProcAttr = detached()
	if err := cmd.Start(); err != nil {
		return State{}, err
	}
	io.WriteString(stdin, st.Password+"\n")
	stdin.Close()
	st.PID = cmd.Process.Pid
	if err := writeState(st); err != nil {
		_ = cmd.Process.Kill()
		return State{}, err
	}
	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait() }()

	deadline := time.NewTimer(cfg.Timeout)
	defer deadline.Stop()
	tick := time.NewTicker(200 * time.Millisecond)
	defer tick.Stop()
	for {
		select {
		case err := <-exited:
			return State{}, fmt.Errorf("the local Neo4j exited during start (%v); last lines of %s:\n%s",
				err, st.LogFile, tail(readFile(st.LogFile), 25))
		case <-deadline.C:
			requestStop(st)
			return State{}, fmt.Errorf("the local Neo4j did not answer on port %d within %s; last lines of %s:\n%s",
				st.Port, cfg.Timeout, st.LogFile, tail(readFile(st.LogFile), 25))
		case <-ctx.Done():
			requestStop(st)
			return State{}, ctx.Err()
		case <-tick.C:
			if ready(st.LogFile) {
				// Release our handle: the process lives on in its own session.
				go func() { <-exited }()
				return st, nil
			}
		}
	}
}

// ready reports whether the launcher has announced that Bolt is accepting
// connections; it prints the line only after the password is set.
func ready(logFile string) bool {
	f, err := os.Open(logFile)
	if err != nil {
		return false
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 64*1024), 1024*1024)
	for sc.Scan() {
		if strings.HasPrefix(sc.Text(), "relmap-launcher: ready ") {
			return true
		}
	}
	return false
}

// Stop shuts the database of dataDir down cleanly, waiting up to timeout
// before killing it.
func Stop(ctx context.Context, dataDir string, timeout time.Duration) error {
	st, err := ReadState(dataDir)
	if errors.Is(err, fs.ErrNotExist) {
		return ErrNotRunning
	}
	if err != nil {
		return err
	}
	if !Running(st) {
		return ErrNotRunning
	}
	if err := requestStop(st); err != nil {
		return err
	}
	deadline := time.Now().Add(timeout)
	for time.Now().Before(deadline) {
		if !Running(st) {
			return nil
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(100 * time.Millisecond):
		}
	}
	if p, err := os.FindProcess(st.PID); err == nil {
		_ = p.Kill()
	}
	return fmt.Errorf("the local Neo4j (pid %d) did not stop within %s and was killed", st.PID, timeout)
}

// requestStop asks the launcher of st to shut down cleanly: through the
// stop file, which it watches on every platform, and where there are
// signals, SIGTERM.
func requestStop(st State) error {
	home := filepath.Join(st.DataDir, "home")
	if err := os.WriteFile(filepath.Join(home, stopFileName), nil, 0o600); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	return askToStop(st.PID)
}

// ErrBadPort is returned by Start for a port outside 0-65535.
var ErrBadPort = errors.New("bad port")

func progressf(w io.Writer, format string, a ...any) {
	if w != nil {
		fmt.Fprintf(w, format, a...)
	}
}

func portBusy(port int) bool {
	c, err := net.DialTimeout("tcp", fmt.Sprintf("127.0.0.1:%d", port), 300*time.Millisecond)
	if err != nil {
		return false
	}
	c.Close()
	return true
}

func readFile(path string) string {
	b, _ := os.ReadFile(path)
	return string(b)
}

func tail(s string, n int) string {
	lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
	if len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	return strings.Join(lines, "\n")
}
