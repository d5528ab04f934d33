// The focal point of a library image: a click on the preview marks what must
// stay in frame when renditions are cropped to other shapes (cards, share
// images). The two number fields stay, for the keyboard and for precision.
;(() => {
  document.addEventListener("DOMContentLoaded", () => {
    const frame = document.querySelector("[data-focal-point]")
    const x = document.querySelector("input[name=focal_x]")
    const y = document.querySelector("input[name=focal_y]")
    if (!frame || !x || !y) return
    const mark = frame.querySelector(".focal-point__mark")
    // Image coordinates run from the picture's left edge whatever the page's
    // direction, hence left/top here.
    const show = () => {
      mark.style.left = `${x.value || 50}%`
      mark.style.top = `${y.value || 50}%`
    }
    frame.addEventListener("click", (event) => {
      const box = frame.querySelector("img").getBoundingClientRect()
      x.value = Math.round(((event.clientX - box.left) / box.width) * 100)
      y.value = Math.round(((event.clientY - box.top) / box.height) * 100)
      show()
    })
    x.addEventListener("input", show)
    y.addEventListener("input", show)
    show()
  })
})()
