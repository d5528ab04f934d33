// The editor's desk in the admin.
//
// django-prose-editor hides the body's <textarea> behind a contenteditable box
// of its own, which screen readers announced as a nameless text box: give the
// box the field's label and help text, and let a click on the label land in it.
document.addEventListener("prose-editor:ready", (event) => {
  const { editor, textarea } = event.detail;
  const box = editor.view.dom;
  const label = document.querySelector(`label[for="${textarea.id}"]`);
  if (label) {
    label.id ||= `${textarea.id}_label`;
    box.setAttribute("aria-labelledby", label.id);
    label.addEventListener("click", () => editor.commands.focus());
  }
  const help = textarea.getAttribute("aria-describedby");
  if (help) {
    box.setAttribute("aria-describedby", help);
  }
});
