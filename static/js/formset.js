// "Add another" for Django inline formsets: a fieldset marked data-formset gets a new row from its
// <template data-formset-empty> (the formset's empty_form), numbered by TOTAL_FORMS. Without JavaScript the
// button stays hidden and the formset's extra blank rows do the job.
document.querySelectorAll("[data-formset]").forEach((fieldset) => {
  const prefix = fieldset.dataset.formset;
  const total = fieldset.querySelector(`input[name="${prefix}-TOTAL_FORMS"]`);
  const max = Number(fieldset.querySelector(`input[name="${prefix}-MAX_NUM_FORMS"]`).value);
  const template = fieldset.querySelector("template[data-formset-empty]");
  const rows = fieldset.querySelector("tbody");
  const button = fieldset.querySelector("[data-formset-add]");
  const update = () => { button.hidden = Number(total.value) >= max; };
  button.addEventListener("click", () => {
    const index = Number(total.value);
    const row = template.content.cloneNode(true);
    row.querySelectorAll("*").forEach((element) => {
      for (const attribute of ["name", "id", "for", "aria-describedby"]) {
        const value = element.getAttribute(attribute);
        if (value) element.setAttribute(attribute, value.replaceAll("__prefix__", String(index)));
      }
    });
    rows.appendChild(row);
    total.value = String(index + 1);
    rows.lastElementChild.querySelector("input, select, textarea")?.focus();
    update();
  });
  update();
});
