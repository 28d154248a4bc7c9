// "Copy" buttons: <button data-copy="ID"> copies the text of the element with that id.
document.addEventListener("click", async (event) => {
  const button = event.target.closest("[data-copy]");
  if (!button) return;
  const text = document.getElementById(button.dataset.copy)?.textContent.trim() ?? "";
  try {
    await navigator.clipboard.writeText(text);
    button.textContent = "Copied";
  } catch {
    button.textContent = "Select the link and copy it";  // no clipboard access (plain http, old browser)
  }
  setTimeout(() => { button.textContent = "Copy"; }, 2000);
});
