// The body editor's own extensions (django-prose-editor loads this module
// through DJANGO_PROSE_EDITOR_EXTENSIONS and picks them by their export name).
//
// - LibraryFigure: a photograph from the image library, placed in the body,
//   with its caption typed under it. Stored as
//   <figure data-image="ID"><img src="…" alt="…"><figcaption>…</figcaption></figure>;
//   the server keeps only the id and the caption, and renders <picture> for readers.
// - LibraryUploads: photos dropped or pasted into the body (files, or images
//   inside HTML pasted from Word, Google Docs or a web page) go to the library
//   and become figures where they landed; what cannot be kept is said, in Arabic.
// - EmbedHints: a YouTube, X, Facebook or Instagram link alone in its paragraph
//   is marked as the embed readers will get (articles/embeds.py decides).
// - DeskToolbar: every toolbar button and menu entry with an Arabic name.
import {
  crel,
  Extension,
  gettext,
  mergeAttributes,
  Node,
  Plugin,
  pm,
  updateAttrsDialog,
} from "django-prose-editor/editor"

const library = () => window.imageLibrary

// Photos waiting for their upload, by token: { file, alt }.
const waiting = new Map()
let lastToken = 0

function remember(file, alt = "") {
  const token = `p${++lastToken}`
  waiting.set(token, { file, alt })
  return token
}

// Two lines under the toolbar, where the writer is looking: how the uploads
// went, and what a paste could not keep (until the next paste).
function statusLine(editor, slot) {
  const box = editor.view.dom.closest(".prose-editor")
  let line = box.querySelector(`.desk-editor-status[data-slot="${slot}"]`)
  if (!line) {
    line = crel("p", { className: "desk-editor-status", role: "status", "data-slot": slot })
    line.setAttribute("aria-live", "polite")
    box.querySelector(".prose-menubar").after(line)
  }
  return line
}

function say(editor, lines, kind = "info", slot = "uploads") {
  const line = statusLine(editor, slot)
  line.dataset.kind = kind
  line.textContent = ""
  for (const text of [].concat(lines)) line.append(crel("span", { textContent: text }))
}

function figureContent(caption) {
  return caption ? [{ type: "text", text: caption }] : []
}

function figureFromImage(image, caption = image.caption) {
  return {
    type: "libraryFigure",
    attrs: { image: String(image.id), src: image.thumb, alt: image.alt || "" },
    content: figureContent(caption),
  }
}

function findPending(doc, token) {
  let found = null
  doc.descendants((node, pos) => {
    if (found !== null) return false
    if (node.type.name === "libraryFigure" && node.attrs.pending === token) found = { node, pos }
  })
  return found
}

// Upload the photos of pending figures; each becomes a library figure, or goes
// with a message saying which photo could not be kept and why.
async function uploadPending(editor, tokens) {
  const files = tokens.map((token) => waiting.get(token))
  say(editor, gettext("Uploading the photos to the image library…"))
  let result
  try {
    result = await library().upload(files.map((f) => f.file), files.map((f) => f.alt))
  } catch (error) {
    result = { results: files.map(() => ({ error: error.message })) }
  }
  const problems = []
  tokens.forEach((token, i) => {
    waiting.delete(token)
    const outcome = result.results[i] || { error: gettext("No answer from the server.") }
    const found = findPending(editor.state.doc, token)
    if (!found) return
    const { tr } = editor.state
    if (outcome.image) {
      const { image } = outcome
      tr.setNodeMarkup(found.pos, null, {
        image: String(image.id),
        src: image.thumb,
        alt: image.alt || "",
        pending: null,
      })
    } else {
      tr.delete(found.pos, found.pos + found.node.nodeSize)
      problems.push(
        interpolate(gettext("«%(name)s» was not kept: %(reason)s"), {
          name: files[i].file.name || gettext("pasted photo"),
          reason: outcome.error,
        }),
      )
    }
    editor.view.dispatch(tr)
  })
  if (problems.length) say(editor, problems, "error")
  else
    say(
      editor,
      interpolate(
        ngettext(
          "%(count)s photo added to the image library.",
          "%(count)s photos added to the image library.",
          tokens.length,
        ),
        { count: tokens.length },
      ),
    )
}

function interpolate(text, values) {
  return window.interpolate ? window.interpolate(text, values, true) : text
}

function ngettext(one, many, count) {
  return window.ngettext ? window.ngettext(one, many, count) : count === 1 ? one : many
}

// A photo chosen in the library goes in at the cursor, and the cursor to the
// end of its caption: ready to be written or corrected.
function insertFromLibrary(editor, image) {
  const at = editor.state.selection.from
  editor.chain().focus().insertContent(figureFromImage(image)).run()
  let end = null
  editor.state.doc.nodesBetween(at, editor.state.doc.content.size, (node, pos) => {
    if (end === null && node.type.name === "libraryFigure") end = pos + node.nodeSize - 1
    return end === null
  })
  if (end !== null) editor.commands.setTextSelection(end)
}

export const LibraryFigure = Node.create({
  name: "libraryFigure",
  group: "block",
  content: "inline*",
  draggable: true,
  isolating: true,
  selectable: true,

  addAttributes() {
    return {
      image: {
        default: null,
        parseHTML: (el) => el.getAttribute("data-image"),
        renderHTML: (attrs) => (attrs.image ? { "data-image": attrs.image } : {}),
      },
      src: {
        default: null,
        parseHTML: (el) => el.querySelector("img")?.getAttribute("src") || null,
        renderHTML: () => ({}),
      },
      alt: {
        default: "",
        parseHTML: (el) => el.querySelector("img")?.getAttribute("alt") || "",
        renderHTML: () => ({}),
      },
      pending: { default: null, rendered: false },
    }
  },

  parseHTML() {
    return [
      { tag: "figure[data-image]", contentElement: "figcaption" },
      // A photo inside pasted HTML, already set aside for upload (LibraryUploads).
      {
        tag: "img[data-pending]",
        getAttrs: (el) => ({ pending: el.getAttribute("data-pending") }),
      },
    ]
  },

  renderHTML({ node, HTMLAttributes }) {
    return [
      "figure",
      mergeAttributes(HTMLAttributes),
      ["img", { src: node.attrs.src || "", alt: node.attrs.alt || "" }],
      ["figcaption", 0],
    ]
  },

  addNodeView() {
    return ({ node: initial, editor, getPos }) => {
      let node = initial
      const picture = crel("img", { draggable: true })
      const frame = crel("div", { className: "desk-figure__frame", contentEditable: "false" }, [
        picture,
      ])
      const remove = crel("button", {
        type: "button",
        className: "button desk-figure__remove",
        textContent: gettext("Remove photo"),
      })
      const warning = crel("span", { className: "desk-figure__warning" })
      const describe = crel("button", {
        type: "button",
        className: "button desk-figure__describe",
        textContent: gettext("Alt text"),
      })
      const tools = crel("div", { className: "desk-figure__tools", contentEditable: "false" }, [
        warning,
        describe,
        remove,
      ])
      const caption = crel("figcaption", { className: "desk-figure__caption" })
      caption.dataset.placeholder = gettext("Type the caption here")
      const dom = crel("figure", { className: "desk-figure" }, [frame, tools, caption])

      frame.addEventListener("mousedown", (event) => {
        if (event.button !== 0) return
        editor.chain().focus().setNodeSelection(getPos()).run()
      })

      remove.addEventListener("click", (event) => {
        event.preventDefault()
        const pos = getPos()
        editor.chain().focus().deleteRange({ from: pos, to: pos + node.nodeSize }).run()
      })

      // The alt text belongs to the library image: written there, shown here.
      describe.addEventListener("click", async (event) => {
        event.preventDefault()
        const values = await updateAttrsDialog(
          {
            alt: {
              type: "string",
              format: "textarea",
              title: gettext("Alt text (what the photo shows)"),
            },
          },
          { title: gettext("Describe the photo for readers who cannot see it") },
        )(editor, { alt: node.attrs.alt })
        if (!values) return
        const answer = await library().describe(node.attrs.image, { alt_text: values.alt.trim() })
        if (!answer.image) {
          say(editor, answer.error, "error")
          return
        }
        const pos = getPos()
        editor.view.dispatch(
          editor.state.tr.setNodeMarkup(pos, null, { ...node.attrs, alt: answer.image.alt }),
        )
      })

      const show = () => {
        const pending = !!node.attrs.pending
        dom.classList.toggle("is-pending", pending)
        picture.alt = pending ? gettext("Uploading…") : node.attrs.alt || ""
        if (node.attrs.src) picture.src = node.attrs.src
        else picture.removeAttribute("src")
        warning.textContent =
          pending || node.attrs.alt
            ? ""
            : gettext("No alt text yet: readers who cannot see the photo will miss it.")
        describe.hidden = pending
        caption.classList.toggle("is-empty", node.content.size === 0)
      }
      show()

      return {
        dom,
        contentDOM: caption,
        update(updated) {
          if (updated.type !== node.type) return false
          node = updated
          show()
          return true
        },
        // A click on the photo selects the whole figure (ProseMirror only does
        // that for figures without text); dragging it is left to ProseMirror.
        stopEvent: (event) =>
          tools.contains(event.target) ||
          (frame.contains(event.target) && ["mousedown", "mouseup", "click"].includes(event.type)),
        ignoreMutation: (mutation) => !caption.contains(mutation.target),
      }
    }
  },

  addCommands() {
    return {
      pickLibraryFigure:
        () =>
        ({ editor }) => {
          library()
            .pick({ title: gettext("Insert a photo from the library") })
            .then((image) => {
              if (image) insertFromLibrary(editor, image)
            })
          return true
        },
    }
  },

  addKeyboardShortcuts() {
    return {
      // Enter in a caption goes on writing in a new paragraph below the photo.
      Enter: ({ editor }) => {
        const { $from, empty } = editor.state.selection
        if (!empty || $from.parent.type.name !== this.name) return false
        const after = $from.after()
        return editor
          .chain()
          .insertContentAt(after, { type: "paragraph" })
          .setTextSelection(after + 1)
          .run()
      },
    }
  },
})

// Image files dropped or pasted into the body, and images inside pasted HTML.
export const LibraryUploads = Extension.create({
  name: "libraryUploads",

  onCreate() {
    // Saving before the photos are in the library would lose them: wait.
    const form = this.editor.view.dom.closest("form")
    form?.addEventListener("submit", (event) => {
      if (!waiting.size) return
      event.preventDefault()
      say(this.editor, gettext("Wait a moment: photos are still being uploaded."), "error")
    })
  },

  addProseMirrorPlugins() {
    const editor = this.editor
    const started = new Set()

    // The photos go where they were dropped (or at the cursor), and the cursor
    // into the first one's caption: the writer types it straight away.
    const insertFiles = (files, pos) => {
      const tokens = files.map((file) => remember(file))
      const figures = tokens.map((token) => ({ type: "libraryFigure", attrs: { pending: token } }))
      const chain = editor.chain().focus()
      ;(pos == null ? chain : chain.setTextSelection(pos)).insertContent(figures).run()
      const first = findPending(editor.state.doc, tokens[0])
      if (first) editor.commands.setTextSelection(first.pos + 1)
    }

    const imageFiles = (transfer) =>
      [...(transfer?.files || [])].filter((file) => file.type.startsWith("image/"))

    return [
      new Plugin({
        props: {
          handleDOMEvents: {
            drop(view, event) {
              const files = imageFiles(event.dataTransfer)
              if (!files.length) return false
              event.preventDefault()
              const at = view.posAtCoords({ left: event.clientX, top: event.clientY })
              insertFiles(files, at ? at.pos : null)
              return true
            },
            paste(view, event) {
              const files = imageFiles(event.clipboardData)
              // Word puts a picture of the copied text next to the HTML: the HTML wins.
              if (!files.length || event.clipboardData.getData("text/html")) return false
              event.preventDefault()
              insertFiles(files, null)
              return true
            },
          },
          transformPastedHTML(html) {
            say(editor, [], "info", "paste")
            return setAsideImages(html, (lost) => say(editor, lost, "error", "paste"))
          },
        },
        view: () => ({
          update(view) {
            const tokens = []
            view.state.doc.descendants((node) => {
              const token = node.attrs?.pending
              if (token && waiting.has(token) && !started.has(token)) tokens.push(token)
            })
            if (!tokens.length) return
            for (const token of tokens) started.add(token)
            uploadPending(editor, tokens)
          },
        }),
      }),
    ]
  },
})

// Images in pasted HTML: those carried in the paste itself (data: URLs, which
// Word and Google Docs give for small pictures) are set aside for upload; those
// that only point somewhere else (file:// on the writer's computer, another
// site) cannot be fetched from here, and the writer is told which.
function setAsideImages(html, report) {
  const doc = new DOMParser().parseFromString(html, "text/html")
  const lost = []
  for (const img of doc.querySelectorAll("img")) {
    const src = img.getAttribute("src") || ""
    const file = src.startsWith("data:image/") ? dataUrlFile(src, img.alt) : null
    if (file) {
      img.setAttribute("data-pending", remember(file, img.alt || ""))
      // Out of its paragraph: a figure is a block of its own.
      img.closest("p")?.after(img)
    } else {
      lost.push(fileName(src))
      img.remove()
    }
  }
  if (lost.length) {
    report([
      ngettext(
        "This photo in the pasted text was not kept, because only its address was pasted; save it to your computer and drop it into the body:",
        "These photos in the pasted text were not kept, because only their addresses were pasted; save them to your computer and drop them into the body:",
        lost.length,
      ),
      ...lost,
    ])
  }
  return doc.body.innerHTML
}

function dataUrlFile(url, alt) {
  const match = /^data:(image\/[\w.+-]+);base64,(.*)$/s.exec(url)
  if (!match) return null
  const bytes = Uint8Array.from(atob(match[2].replace(/\s/g, "")), (c) => c.charCodeAt(0))
  const extension = match[1].split("/")[1].replace("jpeg", "jpg")
  const name = `${(alt || "pasted").slice(0, 40) || "pasted"}.${extension}`
  return new File([bytes], name, { type: match[1] })
}

function fileName(src) {
  if (!src) return gettext("a photo without an address")
  try {
    const url = new URL(src)
    return decodeURIComponent(url.pathname.split("/").pop()) || url.host
  } catch {
    return src.slice(0, 80)
  }
}

// The toolbar, in Arabic. django-prose-editor names its buttons in English
// without gettext; items defined again under the same name replace them.
export const DeskToolbar = Extension.create({
  name: "deskToolbar",
  // Last of all, so that these definitions win over the package's.
  priority: 1,

  addMenuItems({ menu, buttons }) {
    const editor = this.editor
    const button = (icon, title) => {
      const b = buttons.material(icon, title)
      b.setAttribute("aria-label", title)
      return b
    }
    const levels = editor.extensionManager.extensions.find((e) => e.name === "heading")?.options
      .levels || []
    for (const level of levels) {
      const title = interpolate(gettext("Heading %(level)s"), { level })
      const b = buttons.heading(level)
      b.title = title
      b.setAttribute("aria-label", title)
      menu.defineItem({
        name: `heading${level}`,
        groups: "blockType nodes headings",
        button: b,
        option: crel(`h${level}`, { textContent: title }),
        active: (e) => e.isActive("heading", { level }),
        command: (e) => e.chain().focus().toggleHeading({ level }).run(),
      })
    }
    menu.defineItem({
      name: "paragraph",
      groups: "blockType nodes",
      button: button("notes", gettext("Paragraph")),
      option: crel("p", { textContent: gettext("Paragraph") }),
      active: (e) => e.isActive("paragraph"),
      command: (e) => e.chain().focus().setParagraph().run(),
    })
    const toggles = [
      ["bulletList", "format_list_bulleted", gettext("Bulleted list"), "lists", "toggleBulletList"],
      ["orderedList", "format_list_numbered", gettext("Numbered list"), "lists", "toggleOrderedList"],
      ["blockquote", "format_quote", gettext("Quotation"), "", "toggleBlockquote"],
    ]
    for (const [name, icon, title, group, command] of toggles) {
      if (!editor.schema.nodes[name]) continue
      menu.defineItem({
        name,
        groups: group ? `blockType ${group} nodes` : "nodes",
        button: button(icon, title),
        option: crel("p", { textContent: title }),
        active: (e) => e.isActive(name),
        enabled: (e) => e.can()[command](),
        command: (e) => e.chain().focus()[command]().run(),
      })
    }
    if (editor.schema.nodes.libraryFigure) {
      menu.defineItem({
        name: "libraryFigure",
        groups: "nodes",
        button: button("add_photo_alternate", gettext("Photo from the image library")),
        command: (e) => e.commands.pickLibraryFigure(),
      })
    }
    for (const [mark, icon, title] of [
      ["bold", "format_bold", gettext("Bold")],
      ["italic", "format_italic", gettext("Italic")],
    ]) {
      if (!(mark in editor.schema.marks)) continue
      menu.defineItem({
        name: mark,
        groups: "marks",
        button: button(icon, title),
        active: (e) => e.isActive(mark),
        enabled: (e) => e.can().toggleMark(mark),
        command: (e) => e.chain().focus().toggleMark(mark).run(),
      })
    }
    if (editor.schema.marks.link) {
      menu.defineItem({
        name: "link",
        groups: "link",
        button: button("insert_link", gettext("Link")),
        active: (e) => e.isActive("link"),
        enabled: (e) => !e.state.selection.empty || e.isActive("link"),
        command: (e) => e.chain().addLink().focus().run(),
      })
      menu.defineItem({
        name: "unlink",
        groups: "link",
        button: button("link_off", gettext("Remove link")),
        hidden: (e) => !e.isActive("link"),
        command: (e) => e.chain().focus().unsetLink().run(),
      })
    }
    if (editor.extensionManager.extensions.find((e) => e.name === "history")) {
      menu.defineItem({
        name: "history:undo",
        groups: "history",
        button: button("undo", gettext("Undo")),
        enabled: (e) => e.can().undo(),
        command: (e) => e.commands.undo(),
      })
      menu.defineItem({
        name: "history:redo",
        groups: "history",
        button: button("redo", gettext("Redo")),
        enabled: (e) => e.can().redo(),
        command: (e) => e.commands.redo(),
      })
    }
  },
})

// The links articles/embeds.py turns into embeds (the same rules, loosely: the
// server has the last word), with the platform's name for the hint.
const EMBEDDABLE = [
  [/^(www\.|m\.)?youtube\.com$/, /^\/(watch$|shorts\/|embed\/|live\/)/, "YouTube"],
  [/^youtu\.be$/, /^\/[\w-]{11}$/, "YouTube"],
  [/^(www\.|mobile\.)?(x|twitter)\.com$/, /^\/\w{1,15}\/status\/\d+/, "X (Twitter)"],
  [/^(www\.|m\.)?facebook\.com$/, /\/(posts|videos|photos|reel)\/|^\/watch|\.php$/, "Facebook"],
  [/^(www\.)?instagram\.com$/, /\/(p|reel|tv)\/[\w-]+/, "Instagram"],
]

function embeddedFrom(paragraph) {
  // A link alone (spaces aside), or an address typed as text.
  const parts = []
  paragraph.forEach((child) => {
    if (!(child.isText && !child.text.trim())) parts.push(child)
  })
  if (parts.length !== 1 || !parts[0].isText) return null
  const link = parts[0].marks.find((mark) => mark.type.name === "link")
  const address = link ? link.attrs.href : parts[0].text.trim()
  let url
  try {
    url = new URL(address)
  } catch {
    return null
  }
  if (!/^https?:$/.test(url.protocol)) return null
  const found = EMBEDDABLE.find(([host, path]) => host.test(url.hostname) && path.test(url.pathname))
  return found ? gettext(found[2]) : null
}

export const EmbedHints = Extension.create({
  name: "embedHints",

  addProseMirrorPlugins() {
    const { Decoration, DecorationSet } = pm.view
    const hints = (doc) => {
      const marks = []
      doc.forEach((node, pos) => {
        const name = node.type.name === "paragraph" && embeddedFrom(node)
        if (name) {
          marks.push(
            Decoration.node(pos, pos + node.nodeSize, {
              class: "desk-embed",
              "data-embed-hint": interpolate(
                gettext("Readers get this as an embed from %(name)s, loaded when they ask."),
                { name },
              ),
            }),
          )
        }
      })
      return DecorationSet.create(doc, marks)
    }
    return [
      new Plugin({
        state: {
          init: (_config, state) => hints(state.doc),
          apply: (tr, old) => (tr.docChanged ? hints(tr.doc) : old),
        },
        props: {
          decorations(state) {
            return this.getState(state)
          },
        },
      }),
    ]
  },
})
