package render

import (
	"github.com/relmap/relmap/graph"
)

// The palette is Okabe and Ito's, which stays distinguishable for readers
// with the common colour-vision deficiencies and in greyscale print.

// sphereColours gives each compared organisation one colour, used for its
// membership edges, its node's outline and the markers on member states.
var sphereColours = map[string]string{
	graph.OrgNATO: "#0072B2", // blue
	graph.OrgCSTO: "#D55E00", // vermilion
	graph.OrgSCO:  "#009E73", // bluish green
}

// SphereColour returns the colour of the sphere that actor orgID belongs to
// (an organisation of graph.Spheres, or a programme on its ladder, so pfp is
// NATO blue), or "" when it belongs to none. The comparison diagram uses the
// same colours so that the two kinds of figure read alike.
func SphereColour(orgID string) string {
	return sphereColours[SphereOf(orgID)]
}

// SphereOf returns the organisation whose sphere actor id belongs to: the
// organisation itself, or the owner of a partnership programme on its
// ladder. It returns "" for anything else.
func SphereOf(id string) string {
	for _, s := range graph.Spheres {
		if s.Org == id {
			return s.Org
		}
		if s.Level(id) > 0 {
			return s.Org
		}
	}
	return ""
}

func sphereName(org string) string {
	if s, ok := graph.LookupSphere(org); ok && s.Name != "" {
		return s.Name
	}
	return org
}

type kindStyle struct {
	Shape string
	Style string // extra node styles besides "filled"
	Fill  string
}

// kindStyles has one entry per graph.Kinds; TestStylesCoverDomain fails when
// a kind is added without one.
var kindStyles = map[graph.Kind]kindStyle{
	graph.KindState:        {Shape: "box", Style: "rounded", Fill: "#F5F5F5"},
	graph.KindOrganisation: {Shape: "hexagon", Fill: "#FFF3C4"},
	graph.KindProgramme:    {Shape: "ellipse", Fill: "#DCEBF7"},
	graph.KindRoute:        {Shape: "cds", Fill: "#E8DDF0"},
	graph.KindPlace:        {Shape: "house", Fill: "#E3F1DF"},
	graph.KindInitiative:   {Shape: "parallelogram", Fill: "#FBE3D6"},
}

var otherKind = kindStyle{Shape: "box", Style: "dashed", Fill: "#FFFFFF"}

func styleOfKind(k graph.Kind) kindStyle {
	if s, ok := kindStyles[k]; ok {
		return s
	}
	return otherKind
}

type tieStyle struct {
	Colour string
	Style  string // solid, dashed, dotted, bold
	Arrow  string // arrowhead
	Width  string // penwidth
}

// tieStyles has one entry per graph.TieTypes; TestStylesCoverDomain fails
// when a type is added without one. Sphere ties are recoloured by the sphere
// of their target, so their colour here is only the fallback for other
// organisations (EU, OSCE).
var tieStyles = map[graph.TieType]tieStyle{
	graph.TieMemberOf:      {Colour: "#333333", Style: "bold", Arrow: "normal", Width: "2"},
	graph.TieParticipates:  {Colour: "#555555", Style: "solid", Arrow: "empty", Width: "1.4"},
	graph.TieIPAP:          {Colour: "#555555", Style: "bold", Arrow: "diamond", Width: "2"},
	graph.TieTransit:       {Colour: "#7A4FA0", Style: "bold", Arrow: "vee", Width: "2.5"},
	graph.TiePartOf:        {Colour: "#999999", Style: "dotted", Arrow: "odiamond", Width: "1"},
	graph.TieHosts:         {Colour: "#8C6D1F", Style: "solid", Arrow: "box", Width: "1.2"},
	graph.TieDeploys:       {Colour: "#6B6B6B", Style: "dashed", Arrow: "none", Width: "1.2"},
	graph.TieContributes:   {Colour: "#56B4E9", Style: "solid", Arrow: "normal", Width: "1.2"},
	graph.TieSupports:      {Colour: "#2E8B57", Style: "dashed", Arrow: "normal", Width: "1"},
	graph.TieOpposes:       {Colour: "#B22222", Style: "dashed", Arrow: "tee", Width: "1"},
	graph.TiePresence:      {Colour: "#CC79A7", Style: "solid", Arrow: "dot", Width: "1"},
	graph.TieConsults:      {Colour: "#4D4D4D", Style: "dashed", Arrow: "none", Width: "1"},
	graph.TieAgreement:     {Colour: "#E69F00", Style: "solid", Arrow: "normal", Width: "1.2"},
	graph.TieRivalry:       {Colour: "#B22222", Style: "bold", Arrow: "none", Width: "1.5"},
	graph.TieNoTies:        {Colour: "#AAAAAA", Style: "dotted", Arrow: "none", Width: "1"},
	graph.TieCooperates:    {Colour: "#3C8DBC", Style: "dashed", Arrow: "normal", Width: "1"},
	graph.TieLeads:         {Colour: "#000000", Style: "solid", Arrow: "inv", Width: "1.5"},
	graph.TieFunds:         {Colour: "#E69F00", Style: "dashed", Arrow: "normal", Width: "1"},
	graph.TieBorders:       {Colour: "#A0522D", Style: "solid", Arrow: "none", Width: "1"},
	graph.TieLocatedIn:     {Colour: "#A0A0A0", Style: "solid", Arrow: "onormal", Width: "0.8"},
	graph.TieDependsOn:     {Colour: "#F0A000", Style: "dotted", Arrow: "normal", Width: "1.5"},
	graph.TieCriticises:    {Colour: "#D55E00", Style: "dotted", Arrow: "normal", Width: "1"},
	graph.TieTrains:        {Colour: "#009E73", Style: "dashed", Arrow: "normal", Width: "1"},
	graph.TieSpecialStatus: {Colour: "#0072B2", Style: "dashed", Arrow: "normal", Width: "1.5"},
}

var otherTie = tieStyle{Colour: "#777777", Style: "dashed", Arrow: "normal", Width: "1"}

func styleOfTie(t graph.TieType) tieStyle {
	if s, ok := tieStyles[t]; ok {
		return s
	}
	return otherTie
}

// weakTie reports sphere ties that on their own do not place their source
// inside a sphere (graph.TieStanding): observers, dialogue partners and
// partners, suspensions, and interest declared or a programme declined. They
// are drawn dashed.
func weakTie(e graph.Tie) bool {
	st, ok := graph.TieStanding(e)
	return ok && st != graph.Inside
}

// An unconfirmed tie (in force on the figure's date only because its end is
// open, its sources speaking for it last before that date) keeps its type's
// colour, dash and arrow but is drawn as a faded double line: the dash
// patterns already mean a type or a weak standing, and plain grey means not
// in force, so neither could say "unconfirmed" without colliding.
//
// unconfirmedAlpha fades each of the two lines to 45% opacity.
const unconfirmedAlpha = "73"

// unconfirmedLine is the colour list that makes Graphviz draw two parallel,
// faded lines of colour c ("#RRGGBB"), a transparent one between them so
// that the two read apart.
func unconfirmedLine(c string) string {
	f := c + unconfirmedAlpha
	return f + ":transparent:" + f
}

// UnconfirmedLegend heads the legend's entries for looks drawn unconfirmed
// on day at.
func UnconfirmedLegend(at graph.Date) string {
	return "Unconfirmed on " + at.String() + ": in force, last attested earlier"
}

func lastAttestedText(d graph.Date) string {
	if d.IsZero() {
		return "no source dates it"
	}
	return "last attested " + d.String()
}
