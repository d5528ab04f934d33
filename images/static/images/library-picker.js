// The image library in the admin, without leaving the page:
// - window.imageLibrary.pick(): a dialog with the library's thumbnails (newest
//   first), a search by caption, alt text or credit, uploads (several files,
//   dropped or chosen), and the chosen photo's alt text and caption editable;
//   it resolves with the chosen image, or null.
// - window.imageLibrary.upload(files): store photos in the library.
// - the lead image field ([data-lead-image]) and the library list page's
//   drop zone ([data-library-drop]) are wired here.
// The server's addresses come from the element carrying data-image-library.
;(() => {
  const t = (text) => (window.gettext ? window.gettext(text) : text)
  const fill = (text, values) =>
    window.interpolate ? window.interpolate(text, values, true) : text
  const plural = (one, many, n) =>
    window.ngettext ? window.ngettext(one, many, n) : n === 1 ? one : many
  const ACCEPT = "image/jpeg,image/png,image/webp,image/gif"

  function urls() {
    const el = document.querySelector("[data-image-library]")
    if (!el) throw new Error("No [data-image-library] element on this page")
    return el.dataset
  }

  function csrfToken() {
    const input = document.querySelector("input[name=csrfmiddlewaretoken]")
    if (input) return input.value
    const cookie = document.cookie.split("; ").find((c) => c.startsWith("csrftoken="))
    return cookie ? cookie.slice("csrftoken=".length) : ""
  }

  async function send(url, body) {
    const response = await fetch(url, {
      method: "POST",
      body,
      headers: { "X-CSRFToken": csrfToken(), Accept: "application/json" },
      credentials: "same-origin",
    })
    let data = null
    try {
      data = await response.json()
    } catch {
      // An answer that is not ours (a proxy's error page): said below.
    }
    if (!data) throw new Error(t("The server did not answer; try again in a moment."))
    return data
  }

  // Uploads one request per file, so that one refused file keeps none of the
  // others back and each gets its own reason.
  async function upload(files, alts = []) {
    const results = []
    for (const [i, file] of [...files].entries()) {
      const body = new FormData()
      body.append("file", file)
      body.append("alt_text", alts[i] || "")
      try {
        results.push(await send(urls().libraryUpload, body))
      } catch (error) {
        results.push({ error: error.message })
      }
    }
    return { results }
  }

  async function describe(id, fields) {
    const body = new FormData()
    for (const [name, value] of Object.entries(fields)) body.append(name, value)
    return send(urls().libraryDescribe.replace("/0/", `/${id}/`), body)
  }

  async function browse(query, page) {
    const address = new URL(urls().libraryBrowse, location.href)
    if (query) address.searchParams.set("q", query)
    address.searchParams.set("page", page)
    const response = await fetch(address, { headers: { Accept: "application/json" } })
    return response.json()
  }

  const el = (tag, props = {}, children = []) => {
    const node = document.createElement(tag)
    for (const [key, value] of Object.entries(props)) {
      if (key.startsWith("data-") || key.startsWith("aria-") || key === "role") {
        node.setAttribute(key, value)
      } else node[key] = value
    }
    node.append(...children)
    return node
  }

  let dialogCount = 0

  // Files dropped on an element go to onFiles; the element shows it is a target meanwhile.
  function acceptDrops(element, onFiles) {
    element.addEventListener("dragover", (event) => {
      event.preventDefault()
      element.classList.add("is-over")
    })
    element.addEventListener("dragleave", () => element.classList.remove("is-over"))
    element.addEventListener("drop", (event) => {
      event.preventDefault()
      element.classList.remove("is-over")
      onFiles(event.dataTransfer.files)
    })
  }

  function pick({ title = t("Choose a photo from the image library") } = {}) {
    return new Promise((resolve) => {
      const id = `library-picker-${++dialogCount}`
      const state = { query: "", page: 1, chosen: null, images: new Map() }

      const heading = el("h2", { id: `${id}-title`, textContent: title })
      const close = el("button", {
        type: "button",
        className: "button library-picker__close",
        textContent: t("Close"),
      })
      const search = el("input", {
        type: "search",
        id: `${id}-search`,
        className: "library-picker__search",
        placeholder: t("Search captions, alt texts and credits"),
      })
      const searchLabel = el("label", {
        htmlFor: search.id,
        className: "library-picker__label",
        textContent: t("Search the library"),
      })
      // The browser's own file button speaks its own language: ours stands in for it.
      const files = el("input", {
        type: "file",
        multiple: true,
        accept: ACCEPT,
        id: `${id}-files`,
        className: "library-drop__input",
      })
      const drop = el("label", { className: "library-drop", htmlFor: files.id }, [
        el("span", { textContent: t("Drop photos here, or") }),
        el("span", { className: "button library-drop__button", textContent: t("choose files") }),
        files,
      ])
      const grid = el("ul", { className: "library-picker__grid", role: "list" })
      const more = el("button", {
        type: "button",
        className: "button library-picker__more",
        textContent: t("Older photos"),
        hidden: true,
      })
      const status = el("p", { className: "library-picker__status", role: "status" })
      status.setAttribute("aria-live", "polite")

      const alt = el("textarea", { id: `${id}-alt`, rows: 2, maxLength: 300 })
      const caption = el("textarea", { id: `${id}-caption`, rows: 2, maxLength: 300 })
      const preview = el("img", { className: "library-picker__preview", alt: "" })
      const choose = el("button", {
        type: "button",
        className: "button default library-picker__choose",
        textContent: t("Use this photo"),
        disabled: true,
      })
      const details = el("div", { className: "library-picker__details", hidden: true }, [
        preview,
        el("label", { htmlFor: alt.id, textContent: t("Alt text (what the photo shows)") }),
        alt,
        el("label", { htmlFor: caption.id, textContent: t("Caption") }),
        caption,
        choose,
      ])

      const dialog = el(
        "dialog",
        { className: "library-picker", "aria-labelledby": heading.id, dir: "rtl" },
        [
          el("div", { className: "library-picker__head" }, [heading, close]),
          el("div", { className: "library-picker__body" }, [
            el("div", { className: "library-picker__browse" }, [
              searchLabel,
              search,
              drop,
              status,
              grid,
              more,
            ]),
            details,
          ]),
        ],
      )

      const tile = (image) => {
        state.images.set(String(image.id), image)
        const button = el("button", {
          type: "button",
          className: "library-picker__tile",
          "aria-pressed": "false",
          "data-image": image.id,
        })
        button.append(
          el("img", {
            src: image.thumb,
            alt: image.alt || t("Photo without alt text"),
            width: image.thumb_width,
            height: image.thumb_height,
            loading: "lazy",
          }),
          el("span", { textContent: image.caption || image.credit || "" }),
        )
        return el("li", {}, [button])
      }

      const select = (image) => {
        state.chosen = image
        for (const b of grid.querySelectorAll("[aria-pressed]")) {
          b.setAttribute("aria-pressed", String(b.dataset.image === String(image.id)))
        }
        preview.src = image.thumb
        alt.value = image.alt || ""
        caption.value = image.caption || ""
        choose.disabled = false
        details.hidden = false
      }

      const load = async (reset) => {
        if (reset) {
          state.page = 1
          grid.textContent = ""
        }
        status.textContent = t("Loading…")
        const data = await browse(state.query, state.page)
        for (const image of data.images) grid.append(tile(image))
        more.hidden = !data.more
        status.textContent = data.images.length || !reset ? "" : t("No photo matches.")
      }

      const addFiles = async (chosen) => {
        const list = [...chosen]
        if (!list.length) return
        status.textContent = t("Uploading…")
        const { results } = await upload(list)
        const problems = []
        let first = null
        results.forEach((result, i) => {
          if (result.image) {
            grid.prepend(tile(result.image))
            first ||= result.image
          } else problems.push(`«${list[i].name}»: ${result.error}`)
        })
        const kept = results.length - problems.length
        status.textContent = [
          kept
            ? fill(plural("%(count)s photo uploaded.", "%(count)s photos uploaded.", kept), {
                count: kept,
              })
            : "",
          ...problems,
        ]
          .filter(Boolean)
          .join(" ")
        if (first) select(first)
      }

      const finish = (value) => {
        resolve(value)
        dialog.close()
      }

      grid.addEventListener("click", (event) => {
        const button = event.target.closest("[data-image]")
        if (button) select(state.images.get(button.dataset.image))
      })
      grid.addEventListener("dblclick", (event) => {
        if (event.target.closest("[data-image]")) choose.click()
      })
      let timer = null
      search.addEventListener("input", () => {
        clearTimeout(timer)
        timer = setTimeout(() => {
          state.query = search.value.trim()
          load(true)
        }, 250)
      })
      more.addEventListener("click", () => {
        state.page += 1
        load(false)
      })
      files.addEventListener("change", () => addFiles(files.files))
      acceptDrops(drop, addFiles)
      choose.addEventListener("click", async () => {
        let image = state.chosen
        const changed = alt.value !== (image.alt || "") || caption.value !== (image.caption || "")
        if (changed) {
          const answer = await describe(image.id, { alt_text: alt.value, caption: caption.value })
          if (!answer.image) {
            status.textContent = answer.error
            return
          }
          image = answer.image
        }
        finish(image)
      })
      close.addEventListener("click", () => finish(null))
      dialog.addEventListener("cancel", () => resolve(null))
      dialog.addEventListener("close", () => dialog.remove())

      document.body.append(dialog)
      dialog.showModal()
      search.focus()
      load(true)
    })
  }

  // The lead image field: the chosen photo's thumbnail, a button to choose another.
  function wireLeadImage(field) {
    const input = field.querySelector("input[type=hidden]")
    const preview = field.querySelector(".lead-image-field__preview")
    const description = field.querySelector(".lead-image-field__description")
    const chooseButton = field.querySelector("[data-lead-image-choose]")
    const clearButton = field.querySelector("[data-lead-image-clear]")
    const show = (image) => {
      input.value = image ? image.id : ""
      field.classList.toggle("is-empty", !image)
      clearButton.hidden = !image
      preview.textContent = ""
      description.textContent = ""
      if (!image) return
      preview.append(
        el("img", {
          src: image.thumb,
          alt: image.alt || t("Photo without alt text"),
          width: image.thumb_width,
          height: image.thumb_height,
        }),
      )
      description.append(
        el("span", { textContent: `${t("Alt text")}: ${image.alt || "—"}` }),
        el("span", { textContent: `${t("Caption")}: ${image.caption || "—"}` }),
      )
    }
    chooseButton.addEventListener("click", async () => {
      const image = await pick({ title: t("Choose the lead image") })
      if (image) show(image)
    })
    clearButton.addEventListener("click", () => show(null))
  }

  // The library's list page: drop several photos (or choose them) to upload.
  function wireListDrop(zone) {
    const input = zone.querySelector("input[type=file]")
    const status = zone.querySelector("[role=status]")
    const send = async (list) => {
      list = [...list]
      if (!list.length) return
      status.textContent = t("Uploading…")
      const { results } = await upload(list)
      const problems = results
        .map((r, i) => (r.image ? null : `«${list[i].name}»: ${r.error}`))
        .filter(Boolean)
      const kept = results.length - problems.length
      if (!problems.length) {
        location.reload()
        return
      }
      status.textContent = [
        fill(plural("%(count)s photo uploaded.", "%(count)s photos uploaded.", kept), {
          count: kept,
        }),
        ...problems,
      ].join(" ")
    }
    input.addEventListener("change", () => send(input.files))
    acceptDrops(zone, send)
  }

  window.imageLibrary = { pick, upload, describe }
  document.addEventListener("DOMContentLoaded", () => {
    document.querySelectorAll("[data-lead-image]").forEach(wireLeadImage)
    document.querySelectorAll("[data-library-drop]").forEach(wireListDrop)
  })
})()
