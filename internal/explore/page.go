package explore

import (
	_ "embed"
	"fmt"
	"html/template"
	"io"
	"sync"
)

//go:embed page.html.tmpl
var pageTemplate string

//go:embed app.js
var appScript string

var page = sync.OnceValue(func() *template.Template {
	return template.Must(template.New("explore").Parse(pageTemplate))
})

// Write writes the page for d: the library, the page's script and d as JSON,
// all inline. html/template escapes d for its place inside the script, so
// no text of the data can end the script or the page.
func Write(w io.Writer, d *Data) error {
	if err := checkLibrary(library); err != nil {
		return err
	}
	err := page().Execute(w, struct {
		*Data
		Library, App   template.JS
		LibraryVersion string
	}{d, template.JS(library), template.JS(appScript), libraryVersion}) // both are files of this package, checked above or reviewed
	if err != nil {
		return fmt.Errorf("explore page: %w", err)
	}
	return nil
}
