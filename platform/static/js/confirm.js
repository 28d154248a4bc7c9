// <form data-confirm="Question?">: asks before submitting (an inline onsubmit would break the CSP).
document.addEventListener("submit", (event) => {
  const question = event.target.dataset?.confirm;
  if (question && !window.confirm(question)) event.preventDefault();
});
