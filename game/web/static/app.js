// Parley's student page: it lays out the view data the host sends and sends intents back.
// Every word shown comes from the host; everything is put in the page as text (never HTML).
"use strict";

const S = {
  ws: null, token: localStorage.getItem("parley.token"), n: 0, teacher: null,
  me: null, msg: null, tab: "act", builder: null, retry: 0, drafts: {},
};

// ---------------------------------------------------------------- small helpers
function el(tag, attrs, ...kids) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k === "class") node.className = v;
    else if (k === "text") node.textContent = v;
    else if (k.startsWith("on")) node.addEventListener(k.slice(2), v);
    else if (k === "style") node.style.cssText = v;
    else node.setAttribute(k, v === true ? "" : String(v));
  }
  for (const kid of kids.flat(Infinity)) {  // a list of lists of rows (a table) too
    if (kid === null || kid === undefined || kid === false) continue;
    node.append(typeof kid === "string" || typeof kid === "number" ? document.createTextNode(String(kid)) : kid);
  }
  return node;
}
const $ = (id) => document.getElementById(id);
function fill(node, ...kids) { node.replaceChildren(...kids.flat().filter((k) => k)); }
function show(id) {
  for (const s of document.querySelectorAll(".screen")) s.hidden = s.id !== id;
}
function toast(text) {
  const t = $("toast");
  t.textContent = text; t.hidden = false;
  clearTimeout(toast.timer);
  toast.timer = setTimeout(() => { t.hidden = true; }, 5000);
}
function status(text) { $("bar-status").textContent = text; }

// ---------------------------------------------------------------- the connection
function connect() {
  const scheme = location.protocol === "https:" ? "wss" : "ws";
  const ws = new WebSocket(`${scheme}://${location.host}/ws`);
  S.ws = ws;
  status("Connecting…");
  ws.onopen = () => {
    S.retry = 0;
    status("Connected");
    if (S.teacher) send({ type: "teacher", v: 1, key: S.teacher }, false);
    else if (S.token) send({ type: "resume", v: 1, token: S.token }, false);
    else showJoin();
  };
  ws.onmessage = (ev) => {
    let m;
    try { m = JSON.parse(ev.data); } catch (e) { return; }
    receive(m);
  };
  ws.onclose = () => {
    if (S.ws !== ws) return;
    status("Reconnecting…");
    S.retry = Math.min(S.retry + 1, 5);
    setTimeout(connect, 400 * S.retry);
  };
}

function send(m, numbered = true) {
  if (!S.ws || S.ws.readyState !== WebSocket.OPEN) { toast("Not connected: trying again…"); return; }
  if (numbered) {
    S.n += 1;
    m.n = S.n;
  }
  S.ws.send(JSON.stringify(m));
}

function act(action) {
  if (!S.msg || S.msg.step === undefined) return;
  send({ type: "act", at: S.msg.step, action });
}

function receive(m) {
  if (facilitatorReceive(m)) return;
  if (m.type === "welcome") {
    S.me = m; S.token = m.token;
    localStorage.setItem("parley.token", m.token);
    S.n = m.last_n || 0;  // the host's count: a message numbered at or below it is refused as a replay
    return;
  }
  if (m.type === "error") {
    if (m.code === "bad_token") {
      localStorage.removeItem("parley.token");
      S.token = null; showJoin(m.message); return;
    }
    if (m.code === "token_in_use") {  // the host has not yet noticed the old connection is gone
      status("Waiting for your old connection to close…");
      setTimeout(() => { if (S.token) send({ type: "resume", v: 1, token: S.token }, false); }, 3000);
      return;
    }
    if (!S.me && !S.teacher) { $("join-error").textContent = m.message; return; }
    toast(m.message);
    return;
  }
  if (m.type === "state") { S.msg = m; render(); return; }
  if (m.type === "projector") { S.msg = m; renderTeacher(); return; }
}

// ---------------------------------------------------------------- joining
function showJoin(problem) {
  show("join");
  $("bar-seat").textContent = "";
  const code = new URLSearchParams(location.hash.slice(1)).get("room");
  if (code && !$("join-code").value) $("join-code").value = code;
  $("join-error").textContent = problem || "";
}
$("join-form").addEventListener("submit", (ev) => {
  ev.preventDefault();
  $("join-error").textContent = "";
  S.n = 0;
  send({ type: "hello", v: 1, room: $("join-code").value.trim(), name: $("join-name").value.trim() }, false);
});

// ---------------------------------------------------------------- the lobby
function seatCard(seat, opts) {
  const members = seat.members.map((m) => el("li", {},
    m.name, S.me && m.id === S.me.member ? el("span", { class: "badge you", text: "you" }) : null,
    m.online ? null : el("span", { class: "badge warn", text: "away" }),
    opts.teacher ? assignSelect(m) : null));
  const kind = seat.kind === "student" ? "Students" : "Computer";
  return el("div", { class: "card seat", style: `--c:${/^#[0-9a-fA-F]{3,8}$/.test(seat.colour) ? seat.colour : "#888"}` },
    el("h3", {}, seat.name, " ", el("span", { class: "badge", text: kind })),
    members.length ? el("ul", {}, members) : el("p", { class: "muted", text: seat.kind === "student" ? "Nobody yet" : "" }),
    opts.student && seat.kind === "student" && S.me && S.me.seat !== seat.id && !opts.started
      ? el("button", { text: "Take this seat", "data-seat": seat.id, onclick: () => send({ type: "seat", seat: seat.id }) })
      : null,
    opts.teacher && seat.kind === "student"
      ? el("button", { text: "Computer plays it", class: "danger", onclick: () => send({ type: "computer", seat: seat.id }) })
      : null);
}
function assignSelect(member) {
  const sel = el("select", { "aria-label": `Move ${member.name}`, onchange: (ev) => {
    if (ev.target.value) send({ type: "assign", member: member.id, seat: ev.target.value });
  } }, el("option", { value: "", text: "Move to…" }),
  S.msg.lobby.seats.filter((s) => s.playable).map((s) => el("option", { value: s.id, text: s.name })));
  return sel;
}
function renderLobby(lobby, teacher) {
  show("lobby");
  $("lobby-title").textContent = lobby.title;
  $("lobby-summary").textContent = lobby.summary;
  const mine = !teacher && lobby.seats.find((s) => s.id === S.msg.seat);
  $("lobby-you").textContent = teacher ? "" :
    `You are in ${mine ? mine.name : "a seat"}. Wait for the teacher to start the game.`;
  fill($("lobby-seats"), lobby.seats.map((s) => seatCard(s, { student: !teacher, teacher, started: lobby.started })));
  $("teacher-controls").hidden = !teacher || lobby.started;
  $("teacher-code").textContent = lobby.code;
}

// ---------------------------------------------------------------- the game
const TABS = [["act", "Your move"], ["table", "Table"], ["brief", "Brief"], ["messages", "Messages"],
  ["team", "Team"], ["digest", "Digest"], ["log", "Log"]];

function render() {
  const m = S.msg;
  if (!m.view) { renderLobby(m.lobby, false); $("bar-seat").textContent = seatName(m); return; }
  show("game");
  const v = m.view;
  // the score is the standing's, beside it (one figure, as the table screen shows it)
  $("bar-seat").textContent = `${v.name} · turn ${v.turn} of ${v.turns}` + (m.room ? "" : ` · score ${v.score}`);
  const paused = Boolean(m.clock && m.clock.paused) && !v.over;
  status(m.computer ? "The computer plays your seat now" : v.over ? "The game is over" :
    paused ? "Paused by the teacher" : v.my_turn ? "Your turn" : `Waiting for ${v.waiting_for || "…"}`);
  fill($("tabs"), TABS.map(([id, label]) => el("button", {
    role: "tab", "data-tab": id, "aria-selected": String(S.tab === id || (S.tab === "act" && id === "act")),
    text: label + (id === "team" && m.chat.length ? ` (${m.chat.length})` : ""),
    onclick: () => { S.tab = id; render(); } })));
  const wide = window.matchMedia("(min-width: 960px)").matches;
  const sideTab = S.tab === "act" ? (wide ? "table" : null) : S.tab;
  $("panel-act").hidden = S.tab !== "act" && !wide;
  for (const [id] of TABS.slice(1)) $(`panel-${id}`).hidden = id !== (sideTab || (wide ? "table" : ""));
  $("panel-side").hidden = !wide && S.tab === "act";
  if (wide) for (const b of $("tabs").children) b.setAttribute("aria-selected", String(b.dataset.tab === sideTab));
  renderAct(m); renderTable(v); renderBrief(v); renderMessages(v); renderTeam(m); renderLog(v);
  renderRoom(m);
}
function seatName(m) {
  const s = m.lobby.seats.find((x) => x.id === m.seat);
  return s ? s.name : "";
}

function renderAct(m) {
  const v = m.view, p = $("panel-act");
  // while the teacher has paused the game no seat may act: no buttons to press in vain
  const paused = Boolean(m.clock && m.clock.paused) && !v.over;
  const mine = v.my_turn && !m.computer && !paused;
  const head = el("div", { class: "status" + (mine ? " turn" : "") },
    `${v.date} — ${v.phase_text}. `,
    m.computer ? "The computer plays this seat now." : v.over ? "" :
      paused ? "The teacher has paused the game." : v.my_turn ? "It is your turn." : `Waiting for ${v.waiting_for}…`);
  if (m.debrief) { fill(p, head, debrief(m.debrief, v.seat)); return; }
  if (!mine) {
    fill(p, head, agreementsCard(v), el("p", { class: "muted", text: "Read the table, your brief and your messages while you wait." }));
    return;
  }
  if (v.phase === "actions") { fill(p, head, actionsCard(v)); return; }
  fill(p, head, batchCard(v), v.incoming.map((q) => incomingCard(v, q)), v.can.deal ? builderCard(v) : null,
    v.can.statement ? statementCard(v) : null, v.can.message ? messageCard(v) : null, endCard(v, "Done speaking for now"));
}

// several proposals waiting: refuse the repeats (deals already refused) in one go, or the rest
// (after a confirmation); each proposal stays below, answerable on its own
function batchCard(v) {
  const b = v.answers;
  if (!b || !v.can.answer || !(b.repeats.label || b.rest.label)) return null;
  const n = b.repeats.ids.length;
  const refuse = (group) => {
    if (!S.msg || S.msg.step === undefined) return;
    send({ type: "refuse", at: S.msg.step, group, proposals: b[group].ids });
  };
  return el("div", { class: "card batch" },
    el("h3", { text: `${b.waiting} proposals wait for you` + (n ? `: ${n} ${n === 1 ? "is a repeat" : "are repeats"}` : "") }),
    n ? el("ul", {}, b.repeats.lines.map((l) => el("li", { text: l.text }))) : null,
    el("div", { class: "row" },
      b.repeats.label ? el("button", { class: "danger", "data-group": "repeats", text: b.repeats.label,
        onclick: () => refuse("repeats") }) : null,
      b.rest.label ? el("button", { "data-group": "rest", text: b.rest.label, onclick: () => {
        const k = b.rest.ids.length;
        if (confirm(`Refuse ${k === 1 ? "this proposal" : `these ${k} proposals`} (${b.rest.ids.map((i) => "#" + i).join(", ")}) without reading further?`)) refuse("rest");
      } }) : null),
    el("p", { class: "muted", text: "Each is refused on its own record, saying why; every proposal is still below." }));
}

function incomingCard(v, q) {
  return el("div", { class: "card incoming", "data-proposal": q.id },
    el("h3", { text: q.title }), q.repeat ? el("p", { class: "note-warn repeat", text: q.repeat }) : null,
    q.reason ? el("p", { class: "muted", text: `“${q.reason}”` }) : null,
    el("table", {}, el("tr", {}, el("th", { text: "Joint move" }), el("th", { text: "In force" }),
      el("th", { text: "Proposed" }), el("th", { text: "You want" })),
    q.rows.map((r) => [el("tr", {}, el("td", { text: r.name }), el("td", { text: r.in_force }),
      el("td", { text: r.proposed || "—" }), el("td", { text: r.you_want || "—" })),
    r.notes.length ? el("tr", {}, el("td", { colspan: 4 }, r.notes.map((n) => el("div", { class: `note-${n.tone}`, text: n.text })))) : null])),
    q.duties ? el("p", { text: q.duties }) : null,
    el("p", {}, el("strong", { text: q.preview })), el("p", { class: "muted", text: q.preview_how }),
    el("div", { class: "row" },
      el("button", { class: "primary", text: "Accept", onclick: () => act({ kind: "accept", proposal: q.id }) }),
      el("button", { text: "Reject", onclick: () => act({ kind: "reject", proposal: q.id }) }),
      q.can_counter ? el("button", { text: "Counter…", onclick: () => {
        S.builder = { counter: q.id, terms: { ...q.terms } }; render();
        const b = document.querySelector(".builder"); if (b) b.scrollIntoView();
      } }) : null));
}

function builderCard(v) {
  const b = S.builder || (S.builder = { counter: null, terms: {}, to: [] });
  b.to = b.to || [];
  const rows = v.joint_moves.map((j) => {
    const sel = el("select", { "data-move": j.id, "aria-label": j.name, onchange: (ev) => {
      const val = ev.target.value;
      if (val === "") delete b.terms[j.id]; else b.terms[j.id] = Number(val);
    } }, el("option", { value: "", text: `Leave as it is (${j.in_force_label})` }),
    j.variants.filter((x) => x.level !== j.in_force).map((x) => el("option", {
      value: x.level, text: x.label + (x.level === j.you_want ? " — you want this" : ""),
      selected: b.terms[j.id] === x.level })));
    return el("label", {}, j.name, sel);
  });
  const to = v.others.map((o) => el("label", { class: "choice" }, el("input", { type: "checkbox", value: o.id, "data-to": o.id,
    checked: b.to.includes(o.id), onchange: (e) => {
      b.to = b.to.filter((x) => x !== o.id); if (e.target.checked) b.to.push(o.id);
    } }), o.name));
  const send_ = () => {
    const terms = { ...b.terms };
    if (!Object.keys(terms).length) { toast("Choose a variant of at least one joint move."); return; }
    if (b.counter) { act({ kind: "counter", proposal: b.counter, terms }); S.builder = null; return; }
    let picked = b.to.slice();
    if (!picked.length) {
      const need = new Set();
      for (const id of Object.keys(terms)) for (const a of v.joint_moves.find((j) => j.id === id).consent) need.add(a);
      picked = [...need];
    }
    if (!picked.length) picked = [v.others[0].id];
    act({ kind: "propose", to: picked, terms }); S.builder = null;
  };
  return el("div", { class: "card builder" },
    el("h3", { text: b.counter ? `Counter-proposal to #${b.counter}` : "Propose a deal" }),
    rows,
    b.counter ? null : el("div", {}, el("p", { class: "muted", text: "To (leave empty: everyone whose consent the deal needs)" }), to),
    el("div", { class: "row" }, el("button", { class: "primary", text: b.counter ? "Send counter-proposal" : "Send proposal", onclick: send_ }),
      b.counter ? el("button", { text: "Cancel", onclick: () => { S.builder = null; render(); } }) : null));
}

function moveSelect(v, attrs) {
  return el("select", attrs, v.joint_moves.map((j) => el("option", { value: j.id, text: j.name })));
}
function variantSelect(v, moveId, attrs) {
  const j = v.joint_moves.find((x) => x.id === moveId) || v.joint_moves[0];
  return el("select", attrs, j.variants.map((x) => el("option", { value: x.level,
    text: x.label + (x.level === j.you_want ? " — you want this" : "") + (x.level === j.stated ? " (stated)" : "") })));
}
function statementCard(v) {
  const d = S.drafts.statement || (S.drafts.statement = { move: v.joint_moves[0].id });
  const mv = moveSelect(v, { "aria-label": "Joint move", onchange: (e) => { d.move = e.target.value; d.level = undefined; render(); } });
  mv.value = d.move;
  const lv = variantSelect(v, d.move, { "aria-label": "Variant", "data-statement-level": "",
    onchange: (e) => { d.level = e.target.value; } });
  if (d.level !== undefined && [...lv.options].some((o) => o.value === d.level)) lv.value = d.level;
  return el("div", { class: "card" }, el("h3", { text: "State a position in public" }),
    el("div", { class: "row" }, el("div", { class: "grow" }, mv), el("div", { class: "grow" }, lv),
      el("button", { text: "State it", onclick: () => act({ kind: "statement", move: d.move, level: Number(lv.value) }) })));
}
function messageCard(v) {
  const d = S.drafts.message || (S.drafts.message = { move: v.joint_moves[0].id, to: v.others[0].id });
  const to = el("select", { "aria-label": "To", onchange: (e) => { d.to = e.target.value; } },
    v.others.map((o) => el("option", { value: o.id, text: o.name, selected: o.id === d.to })));
  const mv = moveSelect(v, { "aria-label": "Joint move", onchange: (e) => { d.move = e.target.value; d.level = undefined; render(); } });
  mv.value = d.move;
  const lv = variantSelect(v, d.move, { "aria-label": "Variant you could live with",
    onchange: (e) => { d.level = e.target.value; } });
  if (d.level !== undefined && [...lv.options].some((o) => o.value === d.level)) lv.value = d.level;
  return el("div", { class: "card" }, el("h3", { text: "Send a private message" }),
    el("p", { class: "muted", text: "Tell one actor, in private, a variant you could live with." }),
    el("div", { class: "row" }, el("div", { class: "grow" }, to), el("div", { class: "grow" }, mv), el("div", { class: "grow" }, lv),
      el("button", { text: "Send privately", onclick: () => act({ kind: "message", to: to.value, move: d.move, level: Number(lv.value) }) })));
}
function endCard(v, label) {
  return el("div", { class: "row" }, el("button", { class: "primary", id: "end-button", text: label,
    onclick: () => act({ kind: "end" }) }));
}

function actionsCard(v) {
  const a = v.actions;
  const choice = (id, name, lines, whyNot) => el("label", { class: "choice" + (whyNot ? " off" : "") },
    el("input", { type: "radio", name: "move", value: id || "", checked: a.chosen === id, disabled: !!whyNot,
      onchange: () => act({ kind: "move", move: id }) }),
    el("div", {}, el("strong", { text: name }), lines.map((l) => el("div", { class: "muted", text: l })),
      whyNot ? el("div", { class: "note-warn", text: whyNot }) : null));
  return el("div", {},
    el("div", { class: "card" }, el("h3", { text: "Your move this turn (secret)" }), el("p", { class: "muted", text: a.capital }),
      choice(null, "No move this turn", [], null), a.moves.map((c) => choice(c.id, c.name, c.lines, c.why_not))),
    a.duties.length ? el("div", { class: "card" }, el("h3", { text: "Your duties under agreements" }),
      a.duties.map((d) => el("div", { class: "choice" }, el("div", { class: "grow" },
        el("strong", { text: d.title }), el("div", { text: d.duty }), el("div", { class: "muted", text: d.gains }),
        el("div", { class: "muted", text: d.risk })),
      el("button", { text: d.keeping ? "Keeping it — break it" : "Breaking it — keep it",
        class: d.keeping ? "" : "danger", onclick: () => act({ kind: "comply", move: d.move, keep: !d.keeping }) })))) : null,
    endCard(v, "Done choosing"));
}

function agreementsCard(v) {
  return el("div", { class: "card" }, el("h3", { text: "Agreements in force" }),
    v.agreements.length ? el("ul", {}, v.agreements.map((a) => el("li", {},
      `${a.name}: ${a.label} (${a.parties})`, a.suspended ? el("span", { class: "badge warn", text: "suspended" }) : null)))
      : el("p", { class: "muted", text: "None yet." }));
}
function indicatorsCard(view) {
  return el("div", { class: "card" }, el("h3", { text: "Indicators" }), view.indicators.map((i) => el("div", { class: "ind", title: i.description },
    el("span", { text: i.label }), el("div", { class: "meter" + (i.good === "low" ? " good-low" : "") },
      el("span", { style: `width:${Math.max(0, Math.min(100, i.share * 100))}%` })), el("span", { text: i.value }))));
}
function tableCard(view) {
  return el("div", { class: "card" }, el("h3", { text: "The table: public positions" }),
    view.table.map((a) => el("div", { class: "seat card", style: `--c:${/^#[0-9a-fA-F]{3,8}$/.test(a.colour) ? a.colour : "#888"}` },
      el("strong", { text: a.name }), a.you ? el("span", { class: "badge you", text: "you" }) : null,
      dossierButton(a),
      a.trust_in_you ? el("span", { class: "muted", text: ` — their trust in you: ${a.trust_in_you}` }) : null,
      a.public.length ? el("ul", {}, a.public.map((p) => el("li", { text: `${p.name}: ${p.label}` })))
        : el("div", { class: "muted", text: "No stated positions." }))));
}
function renderTable(v) { fill($("panel-table"), indicatorsCard(v), agreementsCard(v), tableCard(v)); }
function renderBrief(v) {
  const b = v.brief;
  const list = (title, items) => items.length ? [el("h3", { text: title }), el("ul", {}, items.map((t) => el("li", { text: t })))] : [];
  fill($("panel-brief"), el("div", { class: "card" }, el("h2", { text: b.name }), el("p", { text: b.description }),
    list("Objectives", b.objectives), list("Red lines", b.red_lines), list("Goals", b.goals),
    el("h3", { text: "What you want" }), el("ul", {}, b.positions.map((p) => el("li", {}, `${p.name}: ${p.want} (${p.care})`))),
    el("p", { class: "muted", text: v.score_explained })));
}
function renderMessages(v) {
  fill($("panel-messages"), el("div", { class: "card" }, el("h3", { text: "Private messages" }),
    v.notes.length ? el("ul", { class: "log" }, v.notes.map((n) => el("li", {}, el("span", { class: "who", text: n.mine ? `You → ${n.to}: ` : `${n.from} → you: ` }), n.text)))
      : el("p", { class: "muted", text: "No private messages yet." })),
  el("div", { class: "card" }, el("h3", { text: "Your proposals" }),
    v.sent.length ? el("ul", { class: "log" }, v.sent.map((p) => el("li", { text: `${p.title} to ${p.to}: ${p.terms.join("; ")} — ${p.status}` })))
      : el("p", { class: "muted", text: "None yet." })));
}
function renderTeam(m) {
  const input = el("input", { maxlength: 300, placeholder: "Message your team", "aria-label": "Team chat", id: "chat-input" });
  fill($("panel-team"), el("div", { class: "card" }, el("h3", { text: `Your team: ${m.team.join(", ")}` }),
    el("div", { class: "chat" }, m.chat.map((c) => el("div", {}, el("span", { class: "who", text: `${c.who}: ` }), c.text))),
    el("form", { class: "row", onsubmit: (ev) => { ev.preventDefault(); if (input.value.trim()) { send({ type: "chat", text: input.value }); input.value = ""; } } },
      el("div", { class: "grow" }, input), el("button", { type: "submit", text: "Send" }))),
  el("div", { class: "card" }, el("h3", { text: "Who did what" }),
    m.feed.length ? el("ul", { class: "log" }, m.feed.map((f) => el("li", {}, el("span", { class: "who", text: `${f.who}: ` }), f.text)))
      : el("p", { class: "muted", text: "Nothing yet." })));
}
function renderLog(v) {
  fill($("panel-log"), el("div", { class: "card" }, el("h3", { text: "What happened" }),
    el("ul", { class: "log" }, v.log.slice().reverse().map((e) => el("li", { text: `Turn ${e.turn}: ${e.text}` })))));
}
function debrief(d, seat) {
  return el("div", { class: "card debrief" }, el("h2", { text: d.ending }), el("p", { text: d.ending_text }),
    el("table", {}, el("tr", {}, el("th", { text: "Actor" }), el("th", { text: "Score" })),
      d.scores.map((s) => el("tr", { class: s.seat === seat ? "debrief-score" : "" }, el("td", { text: s.name + (s.seat === seat ? " (you)" : "") }), el("td", { text: s.score })))),
    el("p", { class: "muted", text: `Shared outcome: ${d.shared}` }), revealedCards(d));
}

// ---------------------------------------------------------------- reading the room (issue 15)
// The host sends each seat its room view (m.room): standing, stakes, digest, dossiers, all worded.
function dossierButton(a) {
  const room = S.msg && S.msg.room;
  if (!room || a.you || !room.dossiers[a.id]) return null;
  return el("button", { class: "link", "data-dossier": a.id, text: "Dossier", "aria-label": `Dossier: ${a.name}`,
    onclick: () => openDossier(a.id) });
}
function openDossier(id) { S.dossier = id; S.tab = "table"; render(); window.scrollTo(0, 0); }
function goTo(act) {  // a stake's link: the place to act on it
  if (!act) return;
  if (act.to === "dossier" && act.ref) { openDossier(act.ref); return; }
  S.dossier = null;
  S.tab = act.to === "why" ? "table" : "act";
  render();
  const at = act.to === "answer" ? document.querySelector(`[data-proposal="${CSS.escape(String(act.ref))}"]`)
    : act.to === "propose" ? document.querySelector(".builder") : act.to === "actions" ? $("end-button") : null;
  if (at) at.scrollIntoView({ block: "center" });
}
function renderRoom(m) {
  const r = m.room, bar = $("bar-standing");
  bar.hidden = !r;
  if (!r) return;
  renderStanding(r.standing);
  if (r.stakes.length && !m.debrief) $("panel-act").prepend(stakesCard(r.stakes));
  renderDigest(r);
  const d = S.dossier && r.dossiers[S.dossier];
  if (d) fill($("panel-table"), dossierCard(d, r));
}
function sparkline(points) {
  const NS = "http://www.w3.org/2000/svg", w = 64, h = 20;
  const svg = document.createElementNS(NS, "svg");
  svg.setAttribute("viewBox", `0 0 ${w} ${h}`); svg.setAttribute("width", w); svg.setAttribute("height", h);
  svg.setAttribute("aria-hidden", "true");
  if (points.length > 1) {
    const ys = points.map((p) => p.score), lo = Math.min(...ys), hi = Math.max(...ys), span = hi - lo || 1;
    const line = document.createElementNS(NS, "polyline");
    line.setAttribute("points", points.map((p, i) => `${(i * (w - 2)) / (points.length - 1) + 1},${h - 2 - ((p.score - lo) * (h - 4)) / span}`).join(" "));
    svg.append(line);
  }
  return svg;
}
function renderStanding(st) {
  const trend = st.change > 0 ? "up" : st.change < 0 ? "down" : "steady";
  fill($("bar-standing"), el("span", { class: "score", text: `Score ${st.score_text}` }), sparkline(st.points),
    el("span", { class: `trend ${trend}`, text: st.change_text }), el("span", { class: "last", text: st.last }));
  $("bar-standing").title = st.moved.map((x) => x.text).join("\n");
}
function stakesCard(stakes) {
  return el("div", { class: "card stakes", id: "stakes" }, el("h3", { text: "At stake now" }),
    el("ul", {}, stakes.map((k) => el("li", { class: `stake ${k.urgency >= 0.75 ? "hot" : ""}` },
      el("button", { class: "link", "data-stake": k.kind, text: k.text, onclick: () => goTo(k.act) })))));
}
function digestItem(i) {
  return el("li", { class: "digest-item" + (i.private ? " private" : ""), "data-kind": i.kind },
    el("span", { class: "label", text: i.label }), el("span", { text: i.text }),
    i.count > 1 ? el("span", { class: "badge", text: `×${i.count}` }) : null,
    i.why ? el("div", { class: "muted why", text: i.why }) : null);
}
function renderDigest(r) {
  const key = S.digestFilter || "all";
  const keep = (items) => items.filter((i) => i.filters.includes(key));
  const bar = el("div", { class: "row filters", role: "group" }, r.filters.map((f) => el("button", {
    "data-filter": f.key, "aria-pressed": String(f.key === key), text: f.label,
    onclick: () => { S.digestFilter = f.key; render(); } })),
  el("button", { class: "link", id: "full-log", text: "Full log", onclick: () => { S.tab = "log"; render(); } }));
  const groups = r.digest.map((g) => {
    const parts = [["For you", keep(g.mine)], ["Elsewhere", keep(g.rest)], ["You", keep(g.yours)]].filter(([, l]) => l.length);
    if (!parts.length) return null;
    return el("div", { class: "card digest-turn" }, el("h3", { text: g.when ? `${g.title} — ${g.when}` : g.title }),
      parts.flatMap(([title, items]) => [el("h4", { text: title }), el("ul", { class: "digest" }, items.map(digestItem))]));
  });
  fill($("panel-digest"), bar, groups.some((g) => g) ? groups : el("p", { class: "muted", text: "Nothing under this filter in the last turns." }));
}
function dossierCard(d, r) {
  const others = Object.keys(r.dossiers);
  const at = others.indexOf(d.id);
  const nav = el("div", { class: "row" },
    el("button", { text: "← The table", id: "dossier-close", onclick: () => { S.dossier = null; render(); } }),
    el("button", { text: "Previous", onclick: () => openDossier(others[(at + others.length - 1) % others.length]) }),
    el("button", { text: "Next", onclick: () => openDossier(others[(at + 1) % others.length]) }));
  const rows = (items, cells) => el("table", {}, items.map((x) => el("tr", {}, cells(x).map((c) => el("td", { text: c })))));
  const entries = (items) => el("ul", { class: "digest" }, items.map((i) => digestItem({ ...i, kind: "", private: false })));
  return el("div", { class: "card dossier seat", id: "dossier", "data-actor": d.id,
    style: `--c:${/^#[0-9a-fA-F]{3,8}$/.test(d.colour) ? d.colour : "#888"}` },
  nav, el("h2", { text: d.name }), el("p", { class: "muted", text: d.description }),
  el("h3", { text: "Your estimate of what it wants" }),
  rows(d.estimate, (e) => [e.name, e.wants, `${e.sure}, ${e.cares}`]),
  el("h3", { text: "Public positions" }),
  rows(d.positions, (p) => [p.name, p.stated || "—", p.history.map((h) => `Turn ${h.turn}: ${h.text}`).join("; ")]),
  el("h3", { text: `Trust: theirs in you ${d.trust_in_you}, yours in them ${d.your_trust} (${d.trust_words})` }),
  d.trust_history.length ? rows(d.trust_history.slice(-6).reverse(), (t) => [`Turn ${t.turn}`, t.way, `${t.before} → ${t.after}`, t.why]) : null,
  d.duties.length ? [el("h3", { text: "Obliged under agreements" }), rows(d.duties, (x) => [`${x.name} (${x.variant})`, x.duty])] : null,
  el("h3", { text: "What it said, proposed and answered" }),
  d.record.length ? entries(d.record.slice(0, 12)) : el("p", { class: "muted", text: "Nothing yet." }),
  d.done.length ? [el("h3", { text: "What it has done" }), entries(d.done)] : null);
}

// ---------------------------------------------------------------- the teacher's tab
function renderTeacher() {
  const m = S.msg;
  $("bar-seat").textContent = "Teacher";
  if (!m.projector) { renderLobby(m.lobby, true); status(`Room code ${m.lobby.code}`); return; }
  show("projector");
  const p = m.projector;
  status(p.over ? "The game is over" : `${p.phase_text} — ${m.thinking ? m.thinking + " is thinking" : "waiting for " + (p.waiting_for || "…")}`);
  fill($("projector"), el("h1", { text: `${p.title} — turn ${p.turn} of ${p.turns}, ${p.date}` }),
    m.debrief ? debrief(m.debrief, null) : null,
    el("div", { class: "columns" }, el("div", {}, indicatorsCard(p), agreementsCard(p),
      el("div", { class: "card" }, el("h3", { text: "News" }), el("ul", { class: "log" }, p.news.slice().reverse().map((e) => el("li", { text: `Turn ${e.turn}: ${e.text}` }))))),
    el("div", {}, tableCard(p), el("div", { class: "seats" }, m.lobby.seats.map((s) => seatCard(s, { teacher: true, started: true }))))));
}

// ---------------------------------------------------------------- the facilitator (issue 12)
// Every page shows the teacher's pause and deadline (m.clock, public); the teacher's tab also gets
// the console (m.console, every seat's secrets) but shows only its controls, behind a button, so
// the projector never shows what is private. The debrief shows what the teacher revealed.
const F = { clock: null, at: 0, console: null, open: false, timer: null, minutes: "" };

function facilitatorReceive(m) {
  if (m.type === "console") { F.console = m.console; renderFacilitator(); return true; }
  if (m.type === "state" || m.type === "projector") {
    F.clock = m.clock || null; F.at = Date.now(); renderClock();
    if (!F.timer) F.timer = setInterval(renderClock, 500);
    if (m.type === "projector") setTimeout(renderFacilitator, 0);
  }
  return false;
}
function mmss(s) { s = Math.max(0, Math.ceil(s)); return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, "0")}`; }
function renderClock() {
  const c = F.clock, box = $("clock");
  if (!c || (!c.paused && c.left === null)) { box.hidden = true; return; }
  const left = c.left === null ? null : c.paused ? c.left : c.left - (Date.now() - F.at) / 1000;
  box.hidden = false;
  box.className = "clock" + (c.paused ? " paused" : left <= 30 ? " urgent" : "");
  box.textContent = c.paused ? "Paused by the teacher" + (left !== null ? ` · ${mmss(left)} left in this phase` : "")
    : `${mmss(left)} left in this phase`;
}
function facilitate(action) { send({ type: "facilitate", action }); }
function renderFacilitator() {
  const box = $("facilitator"), c = F.console;
  box.hidden = !S.teacher || !c || !S.msg || !S.msg.projector;
  if (box.hidden) return;
  // rebuilt only when its controls change: a rebuild while the computers play would lose typing and clicks
  const key = JSON.stringify([F.open, c.paused, c.deadline, c.over, c.branch, c.pending, c.rollback_turns,
    c.seats.map((s) => [s.human, s.revealed])]);
  if (key === F.key) return;
  F.key = key;
  const toggle = el("button", { class: "fac-toggle", "aria-expanded": String(F.open),
    text: F.open ? "Hide the facilitator's controls" : "Facilitator's controls…",
    onclick: () => { F.open = !F.open; F.key = null; renderFacilitator(); } });
  if (!F.open) { fill(box, toggle); return; }
  const over = c.over;
  const minutes = el("input", { id: "fac-minutes", inputmode: "decimal", maxlength: 5, placeholder: "min",
    value: F.minutes || (c.deadline ? String(c.deadline / 60) : ""), oninput: (e) => { F.minutes = e.target.value; } });
  const setDeadline = () => {
    const min = Number(minutes.value);
    if (!minutes.value.trim() || !(min >= 0) || min > 1440) { toast("Type the minutes each phase may take, e.g. 3 or 1.5"); return; }
    F.minutes = ""; facilitate({ kind: "deadline", seconds: Math.round(min * 60) });
  };
  const seatRows = c.seats.map((s) => el("tr", {}, el("td", { text: s.name }),
    el("td", { text: s.human ? "students" : "computer" }),
    el("td", {}, el("button", { disabled: over || (!s.human && !s.playable),
      text: s.human ? "Hand to the computer" : "Hand back to students",
      onclick: () => facilitate({ kind: "seat", seat: s.id, player: s.human ? "computer" : "human" }) }))));
  const revealSeat = el("select", { "aria-label": "Seat to reveal" }, c.seats.map((s) => el("option", { value: s.id, text: s.name })));
  const revealPart = el("select", { "aria-label": "What to reveal" }, c.parts.map((p) => el("option", { value: p.id, text: p.name })));
  const eventSel = el("select", { "aria-label": "Scenario event" }, el("option", { value: "", text: "A headline of my own" }),
    c.events.map((e) => el("option", { value: e.id, text: e.headline })));
  const headline = el("input", { maxlength: 200, placeholder: "Headline (for one of your own)" });
  const rollSel = el("select", { "aria-label": "Turn to roll back to" }, c.rollback_turns.map((t) => el("option", { value: t, text: `Turn ${t}` })));
  const revealed = c.seats.flatMap((s) => s.revealed.map((p) => `${s.short_name}: ${p}`));
  fill(box, toggle, el("div", { class: "card fac" },
    el("h3", { text: `Facilitator — ${c.phase}, branch ${c.branch}` }),
    el("div", { class: "row" },
      el("button", { class: c.paused ? "primary" : "", disabled: over, text: c.paused ? "Resume" : "Pause",
        onclick: () => facilitate({ kind: c.paused ? "resume" : "pause" }) }),
      el("button", { disabled: over || c.paused, text: "Advance now", title: "The computer finishes this phase for the seats still to act",
        onclick: () => facilitate({ kind: "advance" }) })),
    el("div", { class: "row" }, el("label", { class: "inline" }, "Deadline per phase (minutes)", minutes),
      el("button", { disabled: over, text: "Set deadline", onclick: setDeadline }),
      el("button", { disabled: over || !c.deadline, text: "None", onclick: () => facilitate({ kind: "deadline", seconds: 0 }) })),
    el("h4", { text: "Seats" }), el("table", {}, seatRows),
    el("h4", { text: "Inject news (at the next news)" }),
    el("div", { class: "row" }, eventSel, headline, el("button", { disabled: over, text: "Inject",
      onclick: () => facilitate(eventSel.value ? { kind: "inject", event: eventSel.value } : { kind: "inject", headline: headline.value }) })),
    c.pending.length ? el("p", { class: "muted", text: `Waiting for the next news: ${c.pending.join("; ")}` }) : null,
    el("h4", { text: "Reveal on the debrief" }),
    el("div", { class: "row" }, revealSeat, revealPart, el("button", { text: "Reveal",
      onclick: () => facilitate({ kind: "reveal", seat: revealSeat.value, part: revealPart.value }) })),
    revealed.length ? el("p", { class: "muted", text: `Revealed: ${revealed.join(", ")}` }) : null,
    el("h4", { text: "Roll back" }),
    el("div", { class: "row" }, rollSel, el("button", { class: "danger", disabled: !c.rollback_turns.length, text: "Roll back to its start",
      onclick: () => { if (confirm(`Go back to the start of turn ${rollSel.value}? What happened since stays in the record as a branch.`)) facilitate({ kind: "rollback", turn: Number(rollSel.value) }); } }))));
}
function revealedCards(d) {
  if (!d.revealed || !d.revealed.length) return null;
  return el("div", { class: "revealed" }, el("h3", { text: "Revealed by the teacher" }),
    d.revealed.map((r) => el("div", { class: "card seat", style: `--c: ${/^#[0-9a-fA-F]{3,8}$/.test(r.colour) ? r.colour : "#888"}` },
      el("h4", { text: `${r.seat} — ${r.part}` }), el("ul", {}, r.lines.map((line) => el("li", { text: line }))))));
}

// ---------------------------------------------------------------- start
(function start() {
  const params = new URLSearchParams(location.hash.slice(1));
  S.teacher = params.get("teacher");
  if (S.teacher) history.replaceState(null, "", location.pathname);
  $("start-button").addEventListener("click", () => send({ type: "start" }));
  window.addEventListener("resize", () => { if (S.msg && S.msg.view) render(); });
  connect();
})();
