// "Minta dokumen ke PPID": the letter is plain text on the page; this adds
// what only a script can: a button that copies it, and the letter as the
// body of the e-mail link. Without JavaScript the page loses nothing else.
for (const button of document.querySelectorAll('button[data-copy]')) {
  const letter = document.getElementById(button.dataset.copy);
  if (!letter) continue;
  const text = () => letter.innerText.replace(/\n{3,}/g, '\n\n').trim();
  const status = button.parentElement.querySelector('.copy-status');
  if (navigator.clipboard) {
    button.hidden = false;
    button.addEventListener('click', async () => {
      try {
        await navigator.clipboard.writeText(text());
        status.textContent = button.dataset.done || 'Surat disalin.';
      } catch {
        status.textContent = button.dataset.failed || 'Tidak dapat menyalin: pilih teks surat lalu salin.';
      }
    });
  }
  for (const mail of document.querySelectorAll('a.ppid-mail')) {
    const subject = encodeURIComponent(mail.dataset.subject || '');
    mail.href = `${mail.href.split('?')[0]}?subject=${subject}&body=${encodeURIComponent(text())}`;
  }
}
