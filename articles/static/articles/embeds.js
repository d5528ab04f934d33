// Click-to-load embeds in an article body (articles/embeds.py): the
// platform's frame is made only when the reader asks for it.
;(() => {
  const FRAME_HOSTS = new Set([
    "www.youtube-nocookie.com",
    "platform.twitter.com",
    "www.facebook.com",
    "www.instagram.com",
  ])
  document.addEventListener("click", (event) => {
    const button = event.target.closest(".embed-load")
    const embed = button?.closest("figure.embed[data-embed-src]")
    if (!embed) return
    let url
    try {
      url = new URL(embed.dataset.embedSrc)
    } catch {
      return
    }
    if (url.protocol !== "https:" || !FRAME_HOSTS.has(url.host)) return
    const frame = document.createElement("iframe")
    frame.src = url.href
    frame.title = button.textContent
    frame.loading = "lazy"
    frame.allow = "encrypted-media; picture-in-picture; fullscreen"
    frame.referrerPolicy = "strict-origin-when-cross-origin"
    frame.setAttribute(
      "sandbox",
      "allow-scripts allow-same-origin allow-popups allow-popups-to-escape-sandbox allow-presentation",
    )
    embed.classList.add("is-loaded")
    embed.replaceChildren(frame)
    frame.focus()
  })
})()
