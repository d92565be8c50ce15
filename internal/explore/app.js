// The explorer's own script. DATA (see Data in model.go) holds every actor,
// placed once for all dates, and every tie with the days it is in force; this
// script only compares those numbers with the day shown and draws.
(function () {
  'use strict';
  performance.mark('explore-start'); // the library is parsed and run; the page's own work begins
  const D = DATA;
  const DAY = 86400000;
  const $ = (id) => document.getElementById(id);
  const iso = (n) => new Date(n * DAY).toISOString().slice(0, 10);
  // A date as relmap writes it (YYYY, YYYY-MM or YYYY-MM-DD) stands for its
  // first day, as under the data's time rule.
  const parseDay = (s) => {
    const m = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(s.trim());
    return m ? Date.UTC(+m[1], (+m[2] || 1) - 1, +m[3] || 1) / DAY : null;
  };
  // Search ignores case and accents: "turkiye" finds Türkiye.
  const fold = (s) => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase();

  const inForce = (t, d) => (t.since == null || t.since <= d) && (t.until == null || d < t.until);
  // Confirmed on d: in force, and some source speaks for the tie on or after d.
  const confirmed = (t, d) => inForce(t, d) && t.attested != null && t.attested >= d;
  const spanAt = (s, d) => (s.from == null || s.from <= d) && (s.to == null || d < s.to);

  const kind = (a) => D.kinds[a.kind].id;
  const state = { day: Math.min(Math.max(D.initial, D.start), D.end), types: new Set(D.types.map((_, i) => i)),
    org: null, source: null, confirmedOnly: false, selected: null };

  function el(tag, attrs, ...kids) {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (k === 'style') e.style.cssText = v; else if (k.startsWith('on')) e.addEventListener(k.slice(2), v); else e.setAttribute(k, v);
    }
    for (const k of kids) if (k != null) e.append(k);
    return e;
  }

  // What the day and the filters show: for each tie whether it is drawn and
  // unconfirmed, for each actor whether it is drawn and each sphere's share
  // and opacity of its disc.
  function decide() {
    const d = state.day, org = state.org == null ? null : new Set(D.orgs[state.org].actors);
    const v = { edgeOff: new Int8Array(D.ties.length), weak: new Int8Array(D.ties.length), nodeOff: new Int8Array(D.actors.length),
      bridge: new Int8Array(D.actors.length), pies: [], shown: 0, unconfirmed: 0, actors: 0 };
    const used = new Uint8Array(D.actors.length);
    D.ties.forEach((t, i) => {
      let on = inForce(t, d) && state.types.has(t.type) && (!org || org.has(t.from) || org.has(t.to)) &&
        (state.source == null || t.cites.some((c) => c.doc === state.source));
      const unconfirmed = on && !confirmed(t, d);
      if (unconfirmed && state.confirmedOnly) on = false;
      if (on) { used[t.from] = used[t.to] = 1; v.shown++; if (unconfirmed) v.unconfirmed++; }
      v.edgeOff[i] = on ? 0 : 1;
      v.weak[i] = on && unconfirmed ? 1 : 0;
    });
    D.actors.forEach((a, i) => {
      const on = used[i] || (org == null && state.source == null && kind(a) === 'state');
      v.actors += on ? 1 : 0;
      v.nodeOff[i] = on ? 0 : 1;
      if (!a.spans) return;
      const inside = a.spans.filter((s) => s.in && spanAt(s, d));
      // A bridge: inside two spheres or more on the day (analyse's rule).
      v.bridge[i] = inside.length >= 2 ? 1 : 0;
      const pie = {};
      D.spheres.forEach((_, j) => {
        const span = inside.find((s) => s.sphere === j);
        pie['p' + j] = span ? 100 / inside.length : 0;
        pie['o' + j] = span && !(span.attested >= d) ? 0.3 : 1;
      });
      v.pies[i] = pie;
    });
    return v;
  }

  // The graph, drawn where Go placed it, as the opening day shows it.
  const [hashDay, hashActor] = decodeURIComponent(location.hash.slice(1)).split('/');
  if (hashDay && parseDay(hashDay) != null) state.day = Math.min(Math.max(parseDay(hashDay), D.start), D.end);
  let shown = decide();
  const shapes = { state: 'ellipse', organisation: 'hexagon', programme: 'round-rectangle', route: 'cut-rectangle', place: 'round-tag', initiative: 'rhomboid' };
  const elements = [];
  // Actors are sized by their betweenness on the opening day (Go measured
  // it with analyse): up to two and a half times their kind's size.
  const C = D.centrality, base = { state: 32, organisation: 30 };
  const size = (i) => (base[kind(D.actors[i])] || 20) * (1 + (C.max > 0 ? 1.5 * Math.sqrt(C.scores[i] / C.max) : 0));
  D.actors.forEach((a, i) => {
    const data = { id: 'n' + i, label: a.label, fill: D.kinds[a.kind].fill, shape: shapes[kind(a)] || 'rectangle', size: size(i) };
    D.spheres.forEach((_, j) => { data['p' + j] = 0; data['o' + j] = 1; });
    Object.assign(data, shown.pies[i]);
    elements.push({ group: 'nodes', data, position: { x: a.x, y: a.y }, classes: kind(a) + (shown.nodeOff[i] ? ' off' : '') + (shown.bridge[i] ? ' bridge' : '') });
  });
  D.ties.forEach((t, i) => {
    const ty = D.types[t.type];
    const classes = [ty.dashed ? 'dashed' : '', shown.edgeOff[i] ? 'off' : '', shown.weak[i] ? 'unconfirmed' : ''].join(' ').trim();
    elements.push({ group: 'edges', data: { id: 'e' + i, source: 'n' + t.from, target: 'n' + t.to, colour: ty.colour }, classes });
  });
  const style = [
    { selector: 'node', style: { label: 'data(label)', shape: 'data(shape)', 'background-color': 'data(fill)', width: 'data(size)', height: 'data(size)',
      'border-width': 1, 'border-color': '#6b7386', 'font-size': 11, 'text-valign': 'bottom', 'text-margin-y': 2,
      'text-outline-color': '#fff', 'text-outline-width': 2, color: '#1d2330', 'min-zoomed-font-size': 7 } },
    { selector: 'node.state', style: { 'font-size': 13, 'font-weight': 600, 'pie-size': '100%' } },
    { selector: 'node.bridge', style: { 'border-width': 5, 'border-style': 'double', 'border-color': '#1d2330' } },
    { selector: 'edge', style: { width: 1.4, 'line-color': 'data(colour)', 'target-arrow-color': 'data(colour)', 'target-arrow-shape': 'triangle',
      'arrow-scale': 0.7, 'curve-style': 'bezier', opacity: 0.9 } },
    { selector: 'edge.dashed', style: { 'line-style': 'dashed' } },
    // Past a thousand ties, straight lines without arrowheads: Cytoscape
    // draws them several times faster, and at that density no arrowhead
    // can be read anyway (the panel gives each tie's direction).
    ...(D.ties.length > 1000 ? [{ selector: 'edge', style: { 'curve-style': 'haystack', 'haystack-radius': 0 } }] : []),
    { selector: 'edge.unconfirmed', style: { opacity: 0.3 } },
    { selector: '.off', style: { display: 'none' } },
    { selector: '.dim', style: { opacity: 0.12 } },
    { selector: 'node:selected', style: { 'border-width': 3, 'border-color': '#1d2330' } },
  ];
  D.spheres.forEach((s, j) => {
    style[1].style[`pie-${j + 1}-background-color`] = s.colour;
    style[1].style[`pie-${j + 1}-background-size`] = `data(p${j})`;
    style[1].style[`pie-${j + 1}-background-opacity`] = `data(o${j})`;
  });
  const cy = cytoscape({ container: $('cy'), elements, style, layout: { name: 'preset' }, minZoom: 0.05, maxZoom: 6,
    boxSelectionEnabled: false, autoungrabify: true });
  const nodes = D.actors.map((_, i) => cy.getElementById('n' + i));
  const edges = D.ties.map((_, i) => cy.getElementById('e' + i));

  // Only what changed is restyled, so that a slider step costs little on a
  // large graph.
  const toggle = (ele, cls, now, before) => { if (now !== before) { if (now) ele.addClass(cls); else ele.removeClass(cls); } };
  function update() {
    const v = decide();
    cy.batch(() => {
      edges.forEach((e, i) => {
        toggle(e, 'off', v.edgeOff[i], shown.edgeOff[i]);
        toggle(e, 'unconfirmed', v.weak[i], shown.weak[i]);
      });
      nodes.forEach((n, i) => {
        toggle(n, 'off', v.nodeOff[i], shown.nodeOff[i]);
        toggle(n, 'bridge', v.bridge[i], shown.bridge[i]);
        for (const [k, x] of Object.entries(v.pies[i] || {})) if (shown.pies[i][k] !== x) n.data(k, x);
      });
    });
    shown = v;
    showCounts();
    highlight();
    if (state.selected != null) showActor(state.selected);
  }
  const showCounts = () => { $('counts').textContent = `${shown.shown} ties in force (${shown.unconfirmed} unconfirmed) · ${shown.actors} actors`; };

  // A selected actor and its neighbours on the day stay bright.
  let dimmed = false;
  function highlight() {
    if (!dimmed && state.selected == null) return;
    dimmed = state.selected != null;
    cy.batch(() => {
      cy.elements().removeClass('dim');
      if (state.selected == null) return;
      const keep = nodes[state.selected].closedNeighborhood().filter((e) => !e.hasClass('off'));
      cy.elements().not(keep).addClass('dim');
    });
  }

  function setDay(n) {
    state.day = Math.min(Math.max(Math.round(n), D.start), D.end);
    showDay();
    update();
  }
  function showDay() {
    $('slider').value = state.day;
    $('date').value = iso(state.day);
    $('date').style.borderColor = '';
  }

  // The panel: the actor, where it stands towards each sphere on the day,
  // and each of its ties with dates and citations.
  function docText(c) {
    const doc = D.docs[c.doc];
    const meta = [doc.publisher, doc.published].filter(Boolean).join(', ');
    return `${doc.title}${meta ? ' (' + meta + ')' : ''}${c.section ? ', ' + c.section : ''}${c.evidence ? ': ' + c.evidence : ''}${c.checked ? ' (checked ' + c.checked + ')' : ''}`;
  }
  function showActor(i) {
    const a = D.actors[i], d = state.day, panel = $('panel');
    const sub = [kind(a), a.region, a.aliases && a.aliases.length ? 'also ' + a.aliases.join('; ') : null].filter(Boolean).join(' · ');
    panel.replaceChildren(el('h3', {}, a.name), el('div', { class: 'sub' }, sub));
    if (a.note) panel.append(el('p', {}, a.note));
    panel.append(el('p', { id: 'centrality' }, `Betweenness on ${iso(C.day)}: ${C.scores[i].toFixed(4)}`,
      shown.bridge[i] ? el('span', { class: 'tag', id: 'bridge' }, `bridge on ${iso(d)}: inside ${D.spheres.filter((_, j) => (a.spans || []).some((p) => p.sphere === j && p.in && spanAt(p, d))).map((s) => s.label).join(', ')}`) : null));
    if (kind(a) === 'state' && D.spheres.length) {
      panel.append(el('h2', {}, `Spheres on ${iso(d)}`));
      const ul = el('ul', { id: 'standing' });
      D.spheres.forEach((s, j) => {
        const now = (a.spans || []).find((p) => p.sphere === j && spanAt(p, d));
        ul.append(el('li', { 'data-sphere': s.id, 'data-in': now && now.in ? 'yes' : 'no' },
          el('span', { class: 'dot', style: `background:${now && now.in ? s.colour : '#fff'};border:1.5px solid ${s.colour}` }),
          `${s.label}: ${now ? now.label : 'none'}`, now && now.from != null ? el('span', { class: 'when' }, ` since ${iso(now.from)}`) : null,
          now && !(now.attested >= d) ? el('span', { class: 'tag' }, `unconfirmed: last attested ${now.attestedText || 'by no source'}`) : null));
      });
      panel.append(ul);
    }
    const ties = D.ties.map((t, k) => [t, k]).filter(([t]) => t.from === i || t.to === i);
    // In force first; then membership and partnership before the rest (the
    // domain's order of types); then by start.
    ties.sort(([x], [y]) => (inForce(y, d) - inForce(x, d)) || (x.type - y.type) || ((x.since ?? -1e9) - (y.since ?? -1e9)));
    panel.append(el('h2', {}, `Ties: ${ties.filter(([t]) => inForce(t, d)).length} in force on ${iso(d)}, ${ties.length} in all`));
    const ul = el('ul', { id: 'ties' });
    for (const [t, k] of ties) {
      const ty = D.types[t.type], other = t.from === i ? t.to : t.from;
      const when = `${t.sinceText || '…'} – ${t.untilText || 'open'}`;
      const tag = !inForce(t, d) ? 'not in force on the day' : confirmed(t, d) ? null :
        `unconfirmed: last attested ${t.attestedText || 'by no source'}`;
      ul.append(el('li', { class: 'tie' + (inForce(t, d) ? '' : ' off'), 'data-key': t.key, 'data-edge': 'e' + k },
        el('span', { class: 'swatch' + (ty.dashed ? ' dashed' : ''), style: `border-color:${ty.colour}` }),
        el('b', {}, ty.id.replace(/_/g, ' ')), t.from === i ? ' → ' : ' ← ',
        el('a', { class: 'actor', onclick: () => select(other, true) }, D.actors[other].name),
        t.attrs ? ` (${t.attrs})` : '', el('br'), el('span', { class: 'when' }, when), ' ', tag ? el('span', { class: 'tag' }, tag) : null,
        t.note ? el('div', {}, t.note) : null,
        el('ol', { class: 'cites' }, ...t.cites.map((c) => el('li', {}, docText(c))))));
    }
    panel.append(ul);
  }

  // move brings the actor into view (from search or a link in the panel);
  // a click on the drawing leaves the view where it is.
  function select(i, move) {
    state.selected = i;
    cy.elements().unselect();
    if (i == null) { highlight(); return; }
    nodes[i].select();
    highlight();
    showActor(i);
    if (move) {
      // Centred on its place, which an actor hidden on the day keeps too.
      const p = nodes[i].position(), zoom = Math.max(cy.zoom(), 1);
      cy.animate({ zoom, pan: { x: cy.width() / 2 - p.x * zoom, y: cy.height() / 2 - p.y * zoom } }, { duration: 250 });
    }
  }

  function search(q) {
    q = fold(q.trim());
    const out = [];
    if (q) {
      D.actors.forEach((a, i) => {
        const names = [a.name, a.label, a.id, ...(a.aliases || [])];
        const hit = names.find((n) => fold(n).includes(q));
        if (hit) out.push({ i, hit, rank: names.some((n) => fold(n).startsWith(q)) ? 0 : 1 });
      });
      out.sort((x, y) => x.rank - y.rank || D.actors[x.i].name.localeCompare(D.actors[y.i].name));
    }
    $('results').replaceChildren(...out.slice(0, 12).map((r) => el('li', { onclick: () => select(r.i, true), 'data-id': D.actors[r.i].id },
      D.actors[r.i].name, r.hit !== D.actors[r.i].name ? el('span', { class: 'alias' }, ` (${r.hit})`) : null)));
    return out.map((r) => D.actors[r.i].id);
  }

  // Controls.
  const slider = $('slider');
  slider.min = D.start; slider.max = D.end;
  // Tick marks every five years.
  const ticks = el('datalist', { id: 'years' });
  for (let y = Math.ceil(new Date(D.start * DAY).getUTCFullYear() / 5) * 5; Date.UTC(y, 0, 1) / DAY <= D.end; y += 5) {
    ticks.append(el('option', { value: Date.UTC(y, 0, 1) / DAY, label: String(y) }));
  }
  document.body.append(ticks);
  slider.setAttribute('list', 'years');
  slider.addEventListener('input', () => setDay(+slider.value));
  $('date').addEventListener('change', (e) => {
    const n = parseDay(e.target.value);
    if (n == null) e.target.style.borderColor = '#c00'; else setDay(n);
  });
  let timer = null;
  $('play').addEventListener('click', () => {
    if (timer) { clearInterval(timer); timer = null; $('play').textContent = '▶ Play'; return; }
    if (state.day >= D.end) setDay(D.start);
    $('play').textContent = '❚❚ Pause';
    timer = setInterval(() => { if (state.day >= D.end) $('play').click(); else setDay(state.day + 30); }, 150);
  });
  $('search').addEventListener('input', (e) => search(e.target.value));
  $('search').addEventListener('keydown', (e) => { const f = $('results').firstChild; if (e.key === 'Enter' && f) f.click(); });
  D.orgs.forEach((o, i) => $('org').append(el('option', { value: i }, o.label)));
  $('org').addEventListener('change', (e) => { state.org = e.target.value === '' ? null : +e.target.value; update(); });
  const cited = new Set(D.ties.flatMap((t) => t.cites.map((c) => c.doc)));
  [...cited].sort((x, y) => D.docs[x].title.localeCompare(D.docs[y].title))
    .forEach((i) => $('source').append(el('option', { value: i }, D.docs[i].title)));
  $('source').addEventListener('change', (e) => { state.source = e.target.value === '' ? null : +e.target.value; update(); });
  $('confirmed').addEventListener('change', (e) => { state.confirmedOnly = e.target.checked; update(); });
  D.spheres.forEach((s) => $('spheres').append(el('div', {}, el('span', { class: 'dot', style: `background:${s.colour}` }), s.label)));
  if (D.spheres.length) $('spheres').append(el('div', { class: 'hint' }, 'A state\'s disc is shared among the spheres it is in on the day; a pale share is unconfirmed on that day. ' +
    'A double outline marks a bridge: a state inside two spheres or more on the day.'));
  else $('spheres').previousElementSibling.hidden = true;
  $('spheres').after(el('div', { class: 'hint', id: 'sizing' }, `Actors are sized by their betweenness on ${iso(C.day)}, the opening day: the share of shortest paths between other actors that pass through them.`));
  const present = new Set(D.ties.map((t) => t.type));
  D.types.forEach((ty, i) => {
    if (!present.has(i)) return;
    const box = el('input', { type: 'checkbox', 'data-type': ty.id });
    box.checked = true;
    box.addEventListener('change', () => { if (box.checked) state.types.add(i); else state.types.delete(i); update(); });
    $('types').append(el('label', { title: ty.description }, box, el('span', { class: 'swatch' + (ty.dashed ? ' dashed' : ''), style: `border-color:${ty.colour}` }), ty.id.replace(/_/g, ' ')));
  });
  cy.on('tap', 'node', (e) => select(+e.target.id().slice(1)));
  cy.on('tap', (e) => { if (e.target === cy) select(null); });

  window.explorer = { cy, setDay, select, search, state, day: () => iso(state.day),
    visibleTies: () => D.ties.filter((_, i) => !edges[i].hasClass('off')).map((t) => t.key),
    unconfirmedTies: () => D.ties.filter((_, i) => !edges[i].hasClass('off') && edges[i].hasClass('unconfirmed')).map((t) => t.key) };
  cy.one('render', () => {
    performance.mark('explore-first-render');
    window.explorer.firstRender = performance.now();
  });
  // A link may name the day and the actor: explore.html#2012-02-01/kazakhstan
  // (the day was read before drawing).
  showDay();
  showCounts();
  // The first view frames Central Asia and the spheres where the data has
  // them; the rest is a zoom away.
  const focus = cy.collection(nodes.filter((n, i) => D.actors[i].region === 'central-asia' || D.spheres.some((s) => s.id === D.actors[i].id)));
  cy.fit(focus.length ? focus : cy.elements().not('.off'), 40);
  const linked = D.actors.findIndex((a) => a.id === hashActor);
  if (linked >= 0) select(linked, true);
})();
