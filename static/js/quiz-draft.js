// Keeps a learner's unsent quiz answers while they switch the page's language. The quiz form names its draft in
// data-quiz-draft: the same for every translation of a quiz and attempt, whose question and choice ids (the field
// names and values) are the same too, so answers land in the right question and choice whatever the labels and
// order. Answers are saved in sessionStorage (this tab only) at every change, restored when the page loads and
// dropped when the attempt is submitted. Without JavaScript (or storage) the form works as before.
const form = document.querySelector("form[data-quiz-draft]");
if (form) {
  const key = form.dataset.quizDraft;
  const answerFields = () => [...form.elements].filter((element) => element.name.startsWith("question-"));

  // { field name: text of a reflection, or the values of the ticked choices }
  const read = () => {
    const answers = {};
    for (const field of answerFields()) {
      if (field.type === "radio" || field.type === "checkbox") {
        answers[field.name] ??= [];
        if (field.checked) answers[field.name].push(field.value);
      } else {
        answers[field.name] = field.value;
      }
    }
    return answers;
  };

  const restore = (answers) => {
    for (const field of answerFields()) {
      const saved = answers[field.name];
      if (saved === undefined) continue;
      if (field.type === "radio" || field.type === "checkbox") {
        field.checked = Array.isArray(saved) && saved.includes(field.value);
      } else if (typeof saved === "string") {
        field.value = saved;
      }
    }
  };

  // Storage can be full, switched off or refuse access: the draft is a convenience, never an error.
  const save = () => {
    try {
      sessionStorage.setItem(key, JSON.stringify(read()));
    } catch {}
  };
  try {
    const saved = JSON.parse(sessionStorage.getItem(key));
    if (saved && typeof saved === "object") restore(saved);
  } catch {}
  // Also keeps the answers a form re-displayed with errors comes back with, before anything is changed.
  save();
  form.addEventListener("input", save);
  form.addEventListener("change", save);
  form.addEventListener("submit", () => {
    try {
      sessionStorage.removeItem(key);
    } catch {}
  });
}
