package render

import (
	"cmp"
	"math"
	"math/rand/v2"
	"slices"
)

// The force layout places large subgraphs in Go so that Graphviz only has to
// draw them: its own force-directed engines take several times longer inside
// WebAssembly than natively, while drawing a placed graph (neato -n2) is
// cheap in both.
//
// The method is Hu's multilevel spring-electrical model, the one sfdp uses:
// the graph is coarsened by merging matched neighbours, the coarsest graph is
// laid out, and each finer level starts from the coarser one's positions and
// is relaxed with Barnes-Hut repulsion. Each connected component is laid
// out on its own, freed of overlaps between node boxes, and the components
// are then packed in rows.
//
// Everything is deterministic: nodes are visited in index order, the only
// randomness is a PCG stream with fixed seeds, and no map is iterated. (On
// CPUs where Go fuses multiply-adds, arm64 for one, the last digits of a
// position may differ from amd64's; on one platform output is identical.)

// vec is a position or a displacement, in points once scaled.
type vec struct{ x, y float64 }

// box is a node's width and height in points.
type box struct{ w, h float64 }

const (
	// nodeGap is the least distance kept between two node boxes, which
	// also absorbs small differences between the sizes estimated here and
	// those the native Graphviz fonts give.
	nodeGap = 8.0
	// componentGap separates packed components.
	componentGap = 24.0
	// repulsion is C in Hu's model (f_r = C K² / d with K = 1).
	repulsion = 0.2
	// theta is the Barnes-Hut opening criterion: a cell of side s at
	// distance d counts as one body when s < theta d.
	theta = 1.5
	// coarsest is the size at which coarsening stops.
	coarsest = 12
)

// forceLayout returns a position in points for each node, given its box and
// the edges as pairs of node indices. Self-loops and repeated edges are
// allowed and carry no extra weight.
func forceLayout(sizes []box, edges [][2]int) []vec {
	n := len(sizes)
	pos := make([]vec, n)
	if n == 0 {
		return pos
	}
	adj := newAdjacency(n, edges)
	unit := edgeLength(sizes)
	var parts []component
	for _, nodes := range adj.components() {
		sub := adj.induced(nodes)
		p := multilevel(sub)
		local := make([]box, len(nodes))
		for i, v := range nodes {
			local[i] = sizes[v]
			p[i].x *= unit
			p[i].y *= unit
		}
		removeOverlaps(p, local)
		parts = append(parts, component{nodes: nodes, pos: p, bounds: boundsOf(p, local)})
	}
	pack(parts, pos)
	return pos
}

// edgeLength is the length in points of the model's unit: a little more than
// a typical node, which suits sparse graphs as it is; crowded ones are spread
// further by removeOverlaps.
func edgeLength(sizes []box) float64 {
	var sum float64
	for _, s := range sizes {
		sum += math.Sqrt(s.w * s.h)
	}
	return 1.5*sum/float64(len(sizes)) + nodeGap
}

// adjacency is an undirected simple graph in compressed rows: the
// neighbours of v are nbr[start[v]:start[v+1]], sorted.
type adjacency struct {
	start []int32
	nbr   []int32
}

func newAdjacency(n int, edges [][2]int) adjacency {
	pairs := make([][2]int32, 0, 2*len(edges))
	for _, e := range edges {
		if e[0] != e[1] {
			pairs = append(pairs, [2]int32{int32(e[0]), int32(e[1])}, [2]int32{int32(e[1]), int32(e[0])})
		}
	}
	return adjacencyOf(n, pairs)
}

// adjacencyOf builds the rows from directed pairs, dropping duplicates.
func adjacencyOf(n int, pairs [][2]int32) adjacency {
	slices.SortFunc(pairs, func(a, b [2]int32) int {
		if a[0] != b[0] {
			return int(a[0] - b[0])
		}
		return int(a[1] - b[1])
	})
	pairs = slices.Compact(pairs)
	a := adjacency{start: make([]int32, n+1), nbr: make([]int32, len(pairs))}
	for i, p := range pairs {
		a.start[p[0]+1]++
		a.nbr[i] = p[1]
	}
	for v := 0; v < n; v++ {
		a.start[v+1] += a.start[v]
	}
	return a
}

func (a adjacency) len() int                   { return len(a.start) - 1 }
func (a adjacency) neighbours(v int32) []int32 { return a.nbr[a.start[v]:a.start[v+1]] }

// components lists the connected components, each sorted, in order of their
// smallest node.
func (a adjacency) components() [][]int32 {
	n := a.len()
	seen := make([]bool, n)
	var out [][]int32
	for s := 0; s < n; s++ {
		if seen[s] {
			continue
		}
		seen[s] = true
		comp := []int32{int32(s)}
		for i := 0; i < len(comp); i++ {
			for _, w := range a.neighbours(comp[i]) {
				if !seen[w] {
					seen[w] = true
					comp = append(comp, w)
				}
			}
		}
		slices.Sort(comp)
		out = append(out, comp)
	}
	return out
}

// induced is the subgraph on nodes (sorted), renumbered 0..len(nodes)-1.
func (a adjacency) induced(nodes []int32) adjacency {
	local := make(map[int32]int32, len(nodes))
	for i, v := range nodes {
		local[v] = int32(i)
	}
	var pairs [][2]int32
	for i, v := range nodes {
		for _, w := range a.neighbours(v) {
			if j, ok := local[w]; ok {
				pairs = append(pairs, [2]int32{int32(i), j})
			}
		}
	}
	return adjacencyOf(len(nodes), pairs)
}

// level is one graph of the coarsening hierarchy. parent maps each node of
// the finer level this one was made from to its node here.
type level struct {
	adj    adjacency
	weight []float64
	parent []int32
}

// multilevel lays out a connected graph in units of the model's natural
// length K = 1.
func multilevel(adj adjacency) []vec {
	n := adj.len()
	if n == 1 {
		return []vec{{}}
	}
	rng := rand.New(rand.NewPCG(0x72656c6d, 0x6170))
	w := make([]float64, n)
	for i := range w {
		w[i] = 1
	}
	levels := []level{{adj: adj, weight: w}}
	for {
		top := levels[len(levels)-1]
		if top.adj.len() <= coarsest {
			break
		}
		next := coarsen(top)
		// Matching stalls on stars and the like; a level that
		// barely shrinks costs a relaxation for nothing.
		if next.adj.len() > top.adj.len()*4/5 {
			break
		}
		levels = append(levels, next)
	}

	top := levels[len(levels)-1]
	pos := make([]vec, top.adj.len())
	side := math.Sqrt(float64(len(pos)))
	for i := range pos {
		pos[i] = vec{side * rng.Float64(), side * rng.Float64()}
	}
	relax(top, pos, 500, side/2)
	for l := len(levels) - 1; l > 0; l-- {
		fine := levels[l-1]
		fp := make([]vec, fine.adj.len())
		for v, p := range levels[l].parent {
			// Merged nodes start a little apart so that they can
			// repel each other.
			a := 2 * math.Pi * rng.Float64()
			fp[v] = vec{pos[p].x + 0.05*math.Cos(a), pos[p].y + 0.05*math.Sin(a)}
		}
		normalise(fine.adj, fp)
		pos = fp
		iters := 40
		if l == 1 {
			iters = 60
		}
		relax(fine, pos, iters, 0.25)
	}
	return pos
}

// coarsen merges each node with its lightest unmatched neighbour and then
// pairs nodes left over that share a neighbour, which leaves of a star do.
func coarsen(l level) level {
	n := l.adj.len()
	mate := make([]int32, n)
	for i := range mate {
		mate[i] = -1
	}
	order := make([]int32, n)
	for i := range order {
		order[i] = int32(i)
	}
	deg := func(v int32) int32 { return l.adj.start[v+1] - l.adj.start[v] }
	slices.SortStableFunc(order, func(a, b int32) int { return int(deg(a) - deg(b)) })
	for _, u := range order {
		if mate[u] >= 0 {
			continue
		}
		best := int32(-1)
		for _, v := range l.adj.neighbours(u) {
			if mate[v] < 0 && (best < 0 || l.weight[v] < l.weight[best]) {
				best = v
			}
		}
		if best >= 0 {
			mate[u], mate[best] = best, u
		}
	}
	for h := 0; h < n; h++ {
		prev := int32(-1)
		for _, v := range l.adj.neighbours(int32(h)) {
			if mate[v] >= 0 {
				continue
			}
			if prev < 0 {
				prev = v
			} else {
				mate[prev], mate[v] = v, prev
				prev = -1
			}
		}
	}
	parent := make([]int32, n)
	for i := range parent {
		parent[i] = -1
	}
	var weight []float64
	for v := 0; v < n; v++ {
		if parent[v] >= 0 {
			continue
		}
		c := int32(len(weight))
		parent[v] = c
		w := l.weight[v]
		if m := mate[v]; m >= 0 {
			parent[m] = c
			w += l.weight[m]
		}
		weight = append(weight, w)
	}
	var pairs [][2]int32
	for v := 0; v < n; v++ {
		for _, w := range l.adj.neighbours(int32(v)) {
			if parent[v] != parent[w] {
				pairs = append(pairs, [2]int32{parent[v], parent[w]})
			}
		}
	}
	return level{adj: adjacencyOf(len(weight), pairs), weight: weight, parent: parent}
}

// normalise scales positions so that the mean edge length is 1, the length
// the model settles to, so a finer level starts at its own scale rather than
// its coarser level's.
func normalise(adj adjacency, pos []vec) {
	var sum float64
	var k int
	for v := range pos {
		for _, w := range adj.neighbours(int32(v)) {
			if d := dist(pos[v], pos[w]); d > 0.1 {
				sum += d
				k++
			}
		}
	}
	if k == 0 {
		return
	}
	s := float64(k) / sum
	for i := range pos {
		pos[i].x *= s
		pos[i].y *= s
	}
}

func dist(a, b vec) float64 { return math.Sqrt((a.x-b.x)*(a.x-b.x) + (a.y-b.y)*(a.y-b.y)) }

// relax moves each node along the net force on it by a step that shrinks
// when the energy stops falling and grows after steady progress (Hu's
// adaptive cooling), until the step is small or iters runs out.
func relax(l level, pos []vec, iters int, step float64) {
	const cool, tol = 0.9, 0.01
	n := len(pos)
	force := make([]vec, n)
	var tree quadtree
	energy := math.Inf(1)
	progress := 0
	for it := 0; it < iters && step > tol; it++ {
		tree.build(pos, l.weight)
		for i := range force {
			f := tree.repulse(int32(i), pos[i], l.weight[i])
			for _, j := range l.adj.neighbours(int32(i)) {
				d := dist(pos[i], pos[j])
				f.x += (pos[j].x - pos[i].x) * d
				f.y += (pos[j].y - pos[i].y) * d
			}
			force[i] = f
		}
		prev := energy
		energy = 0
		for i, f := range force {
			m := math.Sqrt(f.x*f.x + f.y*f.y)
			energy += m * m
			if m > 0 {
				pos[i].x += step * f.x / m
				pos[i].y += step * f.y / m
			}
		}
		if energy < prev {
			if progress++; progress >= 5 {
				progress = 0
				step /= cool
			}
		} else {
			progress = 0
			step *= cool
		}
	}
}

// quadtree holds the bodies of one iteration for Barnes-Hut summation.
type quadtree struct {
	cells []cell
	stack []int32
}

type cell struct {
	cx, cy, half float64 // the square
	mx, my, m    float64 // mass-weighted position sum (once built, centre of mass), and mass
	child        [4]int32
	body         int32 // the single body of a leaf, -1 for an inner cell
}

func (t *quadtree) build(pos []vec, weight []float64) {
	minX, minY, maxX, maxY := math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)
	for _, p := range pos {
		minX, maxX = min(minX, p.x), max(maxX, p.x)
		minY, maxY = min(minY, p.y), max(maxY, p.y)
	}
	half := max(maxX-minX, maxY-minY)/2 + 1e-9
	t.cells = append(t.cells[:0], cell{cx: (minX + maxX) / 2, cy: (minY + maxY) / 2, half: half, body: -2})
	for i, p := range pos {
		t.insert(int32(i), p, weight[i])
	}
	// From here on mx, my hold the centre of mass itself.
	for i := range t.cells {
		if c := &t.cells[i]; c.m > 0 {
			c.mx /= c.m
			c.my /= c.m
		}
	}
}

const noChild = 0 // the root is never a child, so 0 can mean none

func (t *quadtree) insert(b int32, p vec, w float64) {
	c := int32(0)
	for depth := 0; ; depth++ {
		x := &t.cells[c]
		x.mx += w * p.x
		x.my += w * p.y
		x.m += w
		switch {
		case x.body == -2: // empty
			x.body = b
			return
		case x.body >= 0 || x.body == -3:
			// A leaf: push its body one level down, unless the
			// cell is already tiny, where coincident bodies just
			// share it (-3).
			if depth > 40 {
				x.body = -3
				return
			}
			old := x.body
			x.body = -1
			if old >= 0 {
				ox, oy := (x.mx-w*p.x)/(x.m-w), (x.my-w*p.y)/(x.m-w)
				t.place(c, old, vec{ox, oy}, x.m-w)
			}
		}
		c = t.childFor(c, p)
	}
}

// place puts a body that was a leaf's into the right child of c, which has
// already counted it.
func (t *quadtree) place(c, b int32, p vec, w float64) {
	k := t.childFor(c, p)
	x := &t.cells[k]
	x.mx, x.my, x.m, x.body = w*p.x, w*p.y, w, b
}

// childFor returns the child of c whose square holds p, creating it empty.
func (t *quadtree) childFor(c int32, p vec) int32 {
	x := t.cells[c]
	q := 0
	cx, cy, h := x.cx-x.half/2, x.cy-x.half/2, x.half/2
	if p.x >= x.cx {
		q |= 1
		cx += x.half
	}
	if p.y >= x.cy {
		q |= 2
		cy += x.half
	}
	if k := x.child[q]; k != noChild {
		return k
	}
	k := int32(len(t.cells))
	t.cells = append(t.cells, cell{cx: cx, cy: cy, half: h, body: -2})
	t.cells[c].child[q] = k
	return k
}

// repulse sums the repulsive force on body b at p with weight w.
func (t *quadtree) repulse(b int32, p vec, w float64) vec {
	var f vec
	t.stack = append(t.stack[:0], 0)
	for len(t.stack) > 0 {
		c := &t.cells[t.stack[len(t.stack)-1]]
		t.stack = t.stack[:len(t.stack)-1]
		if c.m == 0 || c.body == b {
			continue
		}
		dx, dy := p.x-c.mx, p.y-c.my
		d2 := dx*dx + dy*dy
		side := 2 * c.half
		if c.body != -1 || side*side < theta*theta*d2 {
			if d2 > 1e-18 {
				k := repulsion * w * c.m / d2
				f.x += k * dx
				f.y += k * dy
			}
			continue
		}
		for _, k := range c.child {
			if k != noChild {
				t.stack = append(t.stack, k)
			}
		}
	}
	return f
}

// removeOverlaps parts every two nodes whose boxes, grown by nodeGap,
// overlap. It first scales the layout up (see spread), then pushes each
// remaining pair apart along the line between their centres, sweep after
// sweep, until none overlap. The pushes are local, so the layout keeps its
// shape; should they not settle, the layout is scaled up just enough, which
// cannot make new overlaps.
func removeOverlaps(pos []vec, sizes []box) {
	n := len(pos)
	if n < 2 {
		return
	}
	hw, hh := make([]float64, n), make([]float64, n)
	var cellSize float64
	for i, s := range sizes {
		hw[i], hh[i] = (s.w+nodeGap)/2, (s.h+nodeGap)/2
		cellSize = max(cellSize, 2*hw[i], 2*hh[i])
	}
	var g grid
	spread(pos, hw, hh, cellSize, &g)
	for sweep := 0; sweep < 200; sweep++ {
		g.fill(pos, cellSize)
		moved := false
		g.pairs(pos, func(i, j int) {
			dx, dy := pos[j].x-pos[i].x, pos[j].y-pos[i].y
			f := separation(dx, dy, hw[i]+hw[j], hh[i]+hh[j])
			if f <= 1 {
				return
			}
			moved = true
			if dx == 0 && dy == 0 {
				// Coincident nodes part sideways, by index.
				pos[j].x += hw[i] + hw[j]
				return
			}
			// Push a hair past touching so that rounding cannot
			// leave the pair overlapping.
			k := (f*1.001 - 1) / 2
			pos[i].x -= k * dx
			pos[i].y -= k * dy
			pos[j].x += k * dx
			pos[j].y += k * dy
		})
		if !moved {
			return
		}
	}
	scale := 1.0
	g.fill(pos, cellSize)
	g.pairs(pos, func(i, j int) {
		if pos[i] == pos[j] {
			pos[j].x += hw[i] + hw[j]
		}
		f := separation(pos[j].x-pos[i].x, pos[j].y-pos[i].y, hw[i]+hw[j], hh[i]+hh[j])
		scale = max(scale, f*1.001)
	})
	for i := range pos {
		pos[i].x *= scale
		pos[i].y *= scale
	}
}

// spread scales the layout up until half the nodes are clear of their
// neighbours. Scaling keeps the shape exactly, but freeing every node that
// way would blow up the whole figure for the sake of its most crowded spot
// (Graphviz's overlap=scale); pushing does the rest locally.
func spread(pos []vec, hw, hh []float64, cellSize float64, g *grid) {
	n := len(pos)
	need := make([]float64, n)
	for i := range need {
		need[i] = 1
	}
	g.fill(pos, cellSize)
	g.pairs(pos, func(i, j int) {
		f := separation(pos[j].x-pos[i].x, pos[j].y-pos[i].y, hw[i]+hw[j], hh[i]+hh[j])
		need[i] = max(need[i], f)
		need[j] = max(need[j], f)
	})
	slices.Sort(need)
	if s := need[n/2]; s > 1 && !math.IsInf(s, 1) {
		for i := range pos {
			pos[i].x *= s
			pos[i].y *= s
		}
	}
}

// separation is the factor by which the distance (dx, dy) between two
// centres must grow for boxes of half-widths and half-heights summing to w
// and h to stop overlapping; 1 or less means they do not overlap. Coincident
// centres give +Inf.
func separation(dx, dy, w, h float64) float64 {
	dx, dy = math.Abs(dx), math.Abs(dy)
	if dx >= w || dy >= h {
		return 1
	}
	return min(w/dx, h/dy)
}

// grid buckets nodes into square cells at least as large as any node box, so
// that two boxes can only overlap if their cells touch.
type grid struct {
	size  float64
	cells map[[2]int][]int
}

func (g *grid) fill(pos []vec, size float64) {
	g.size = size
	if g.cells == nil {
		g.cells = map[[2]int][]int{}
	}
	clear(g.cells)
	for i, p := range pos {
		k := g.key(p)
		g.cells[k] = append(g.cells[k], i)
	}
}

func (g *grid) key(p vec) [2]int {
	return [2]int{int(math.Floor(p.x / g.size)), int(math.Floor(p.y / g.size))}
}

// pairs calls f for every pair i < j in touching cells, in a fixed order:
// by i, then by cell, then by j. Cells are looked up, never iterated, so the
// map's order does not matter.
func (g *grid) pairs(pos []vec, f func(i, j int)) {
	for i, p := range pos {
		k := g.key(p)
		for dy := -1; dy <= 1; dy++ {
			for dx := -1; dx <= 1; dx++ {
				for _, j := range g.cells[[2]int{k[0] + dx, k[1] + dy}] {
					if j > i {
						f(i, j)
					}
				}
			}
		}
	}
}

// rect is an axis-aligned rectangle.
type rect struct{ x0, y0, x1, y1 float64 }

func (r rect) w() float64 { return r.x1 - r.x0 }
func (r rect) h() float64 { return r.y1 - r.y0 }

func boundsOf(pos []vec, sizes []box) rect {
	r := rect{math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)}
	for i, p := range pos {
		r.x0, r.x1 = min(r.x0, p.x-sizes[i].w/2), max(r.x1, p.x+sizes[i].w/2)
		r.y0, r.y1 = min(r.y0, p.y-sizes[i].h/2), max(r.y1, p.y+sizes[i].h/2)
	}
	return r
}

type component struct {
	nodes  []int32
	pos    []vec
	bounds rect
}

// pack places the components in rows, tallest first, in a strip about as wide
// as the square their areas would fill (or the widest component), so that
// small components and lone nodes gather beside or below the large ones
// instead of drifting away.
func pack(parts []component, out []vec) {
	var area, widest float64
	for _, c := range parts {
		area += (c.bounds.w() + componentGap) * (c.bounds.h() + componentGap)
		widest = max(widest, c.bounds.w())
	}
	width := max(widest, math.Sqrt(area))
	order := make([]int, len(parts))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int { return cmp.Compare(parts[b].bounds.h(), parts[a].bounds.h()) })
	var x, y, rowH float64
	for _, k := range order {
		c := parts[k]
		if x > 0 && x+c.bounds.w() > width {
			x, y, rowH = 0, y-rowH-componentGap, 0
		}
		// Rows run downwards, Graphviz's y axis upwards; each part's top
		// left corner goes to (x, y).
		dx, dy := x-c.bounds.x0, y-c.bounds.y1
		for i, v := range c.nodes {
			out[v] = vec{c.pos[i].x + dx, c.pos[i].y + dy}
		}
		x += c.bounds.w() + componentGap
		rowH = max(rowH, c.bounds.h())
	}
}
