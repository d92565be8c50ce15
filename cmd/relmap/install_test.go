package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"golang.org/x/mod/modfile"
	"golang.org/x/mod/module"
	"golang.org/x/mod/zip"
)

// installVersion is the version the test publishes the working tree under.
// A pre-release of v0.0.0 sorts below any real release.
const installVersion = "v0.0.0-installtest"

// Go users install tools with `go install module/cmd@version`, which
// refuses a module with replace directives and builds from the module zip
// a proxy serves, without the repository around it. This test builds such
// a proxy from the working tree (the files git tracks or would track) in a
// temporary directory, installs relmap from it into a temporary GOBIN with
// dependencies from the usual proxies, and runs the installed binary.
func TestGoInstallFromModuleProxy(t *testing.T) {
	if testing.Short() {
		t.Skip("builds relmap from a module proxy")
	}
	goBin, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go command")
	}
	root := moduleRoot(t)
	modPath, goMod := readModule(t, root)
	tmp := t.TempDir()
	proxy := filepath.Join(tmp, "proxy")
	publish(t, root, proxy, modPath, goMod)

	gobin := filepath.Join(tmp, "bin")
	modcache := filepath.Join(tmp, "modcache")
	upstream := goEnv(t, goBin, "GOPROXY")
	localCache := filepath.Join(goEnv(t, goBin, "GOMODCACHE"), "cache", "download")
	// Dependencies come from this machine's module cache when it has them
	// (a file proxy is its own layout) and from the configured proxies.
	goproxy := "file://" + filepath.ToSlash(proxy) + ",file://" + filepath.ToSlash(localCache) + "," + upstream
	ctx, cancel := context.WithTimeout(context.Background(), 15*time.Minute)
	defer cancel()
	install := exec.CommandContext(ctx, goBin, "install", modPath+"/cmd/relmap@"+installVersion)
	install.Dir = tmp // outside the module: as a user installs
	install.Env = append(os.Environ(),
		"GOPROXY="+goproxy, "GOBIN="+gobin, "GOMODCACHE="+modcache,
		"GONOSUMDB="+modPath, "GOFLAGS=-modcacherw", "GOWORK=off", "GOTOOLCHAIN=local", "CGO_ENABLED=0")
	var out bytes.Buffer
	install.Stdout, install.Stderr = &out, &out
	began := time.Now()
	if err := install.Run(); err != nil {
		t.Fatalf("go install %s/cmd/relmap@%s: %v\n%s", modPath, installVersion, err, out.String())
	}
	t.Logf("go install took %s", time.Since(began).Round(time.Second))

	exe := filepath.Join(gobin, "relmap")
	if runtime.GOOS == "windows" {
		exe += ".exe"
	}
	version, err := exec.Command(exe, "version").Output()
	if err != nil {
		t.Fatalf("%s version: %v", exe, err)
	}
	flag, err := exec.Command(exe, "--version").Output()
	if err != nil {
		t.Fatalf("%s --version: %v", exe, err)
	}
	t.Logf("relmap version:\n%s", version)
	if !bytes.Equal(version, flag) {
		t.Errorf("--version differs from version:\n%s", flag)
	}
	want := []string{"relmap " + installVersion + "\n", "revision unknown"}
	for _, req := range goMod.Require {
		switch req.Mod.Path {
		case "github.com/neo4j/neo4j-go-driver/v5", "github.com/goccy/go-graphviz", "github.com/spf13/cobra":
			want = append(want, "\n"+req.Mod.Path+" "+req.Mod.Version+"\n")
		}
	}
	if len(want) != 5 {
		t.Fatalf("go.mod does not require the three packages relmap reports: %v", goMod.Require)
	}
	for _, w := range want {
		if !bytes.Contains(version, []byte(w)) {
			t.Errorf("relmap version lacks %q", w)
		}
	}
}

func moduleRoot(t *testing.T) string {
	t.Helper()
	dir, err := filepath.Abs(filepath.Join("..", ".."))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(dir, "go.mod")); err != nil {
		t.Fatal(err)
	}
	return dir
}

func readModule(t *testing.T, root string) (string, *modfile.File) {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(root, "go.mod"))
	if err != nil {
		t.Fatal(err)
	}
	f, err := modfile.Parse("go.mod", data, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(f.Replace) > 0 {
		t.Errorf("go.mod has %d replace directive(s): go install refuses such a module", len(f.Replace))
	}
	return f.Module.Mod.Path, f
}

// publish lays out a file-based module proxy holding the working tree as
// installVersion: <module>/@v/list, .info, .mod and .zip.
func publish(t *testing.T, root, proxy, modPath string, goMod *modfile.File) {
	t.Helper()
	// The module's files: what git tracks or would track, so that bin/,
	// out/ and other ignored files stay out, as they do from a release.
	ls := exec.Command("git", "ls-files", "-z", "--cached", "--others", "--exclude-standard")
	ls.Dir = root
	listed, err := ls.Output()
	if err != nil {
		t.Fatalf("git ls-files in %s: %v (the test publishes a checkout)", root, err)
	}
	src := filepath.Join(t.TempDir(), "src")
	for _, name := range strings.Split(strings.TrimRight(string(listed), "\x00"), "\x00") {
		from := filepath.Join(root, filepath.FromSlash(name))
		fi, err := os.Lstat(from)
		if err != nil || !fi.Mode().IsRegular() {
			continue // deleted in the working tree, or a symlink (not allowed in module zips)
		}
		data, err := os.ReadFile(from)
		if err != nil {
			t.Fatal(err)
		}
		to := filepath.Join(src, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(to), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(to, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	escaped, err := module.EscapePath(modPath)
	if err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(proxy, filepath.FromSlash(escaped), "@v")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	zf, err := os.Create(filepath.Join(dir, installVersion+".zip"))
	if err != nil {
		t.Fatal(err)
	}
	if err := zip.CreateFromDir(zf, module.Version{Path: modPath, Version: installVersion}, src); err != nil {
		t.Fatalf("the module does not make a valid module zip: %v", err)
	}
	if err := zf.Close(); err != nil {
		t.Fatal(err)
	}
	modData, err := goMod.Format()
	if err != nil {
		t.Fatal(err)
	}
	info, _ := json.Marshal(map[string]string{"Version": installVersion, "Time": time.Now().UTC().Format(time.RFC3339)})
	for name, data := range map[string][]byte{
		"list":                   []byte(installVersion + "\n"),
		installVersion + ".info": info,
		installVersion + ".mod":  modData,
	} {
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func goEnv(t *testing.T, goBin, name string) string {
	t.Helper()
	out, err := exec.Command(goBin, "env", name).Output()
	if err != nil {
		t.Fatalf("go env %s: %v", name, err)
	}
	return strings.TrimSpace(string(out))
}
