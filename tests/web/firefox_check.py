# The page in Debian 12's firefox-esr, by hand (Firefox is not among the test packages):
#   vanban serve --listen 127.0.0.1:8080 &
#   python3 tests/web/firefox_check.py 'http://127.0.0.1:8080/?template=ke-hoach' firefox.png
# Drives Firefox through Marionette, its own remote protocol (no driver to install): opens
# the page in Vietnamese, waits for the preview, prints what it shows, types a number that
# breaks the schema and prints the problem shown next to the field, saves a screenshot.
import json, socket, subprocess, sys, time, base64, tempfile, os
url, shot = sys.argv[1], sys.argv[2]
profile = tempfile.mkdtemp()
open(os.path.join(profile, 'user.js'), 'w').write('user_pref("marionette.port", 2829);\nuser_pref("intl.accept_languages", "vi-VN, vi");\n')
ff = subprocess.Popen(['firefox-esr', '--headless', '--marionette', '--no-remote', '-profile', profile, '--window-size', '1400,900'],
                      stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
try:
    for _ in range(300):
        try:
            s = socket.create_connection(('127.0.0.1', 2829)); break
        except OSError: time.sleep(0.2)
    def recv():
        n = b''
        while not n.endswith(b':'): n += s.recv(1)
        size = int(n[:-1]); data = b''
        while len(data) < size: data += s.recv(size - len(data))
        return json.loads(data)
    recv()
    ids = iter(range(1, 10**6))
    def cmd(name, params):
        m = json.dumps([0, next(ids), name, params]).encode()
        s.sendall(str(len(m)).encode() + b':' + m)
        r = recv()
        if r[2]: raise RuntimeError(r[2])
        return r[3]
    cmd('WebDriver:NewSession', {})
    cmd('WebDriver:SetWindowRect', {'width': 1400, 'height': 900})
    cmd('WebDriver:Navigate', {'url': url})
    for _ in range(600):
        n = cmd('WebDriver:ExecuteScript', {'script': 'return Number(document.getElementById("pages").dataset.previews || 0)', 'args': []})['value']
        if n > 0: break
        time.sleep(0.1)
    print('previews', n)
    print(cmd('WebDriver:ExecuteScript', {'script': 'return [document.getElementById("status").textContent, document.querySelectorAll("#pages canvas").length, document.querySelectorAll("[data-path]").length, document.getElementById("download-pdf").textContent]', 'args': []})['value'])
    cmd('WebDriver:ExecuteScript', {'script': 'var t=document.querySelector("[data-path=\'header.number\'] > textarea"); t.value="abc"; t.dispatchEvent(new Event("input"));', 'args': []})
    time.sleep(3)
    print(cmd('WebDriver:ExecuteScript', {'script': 'var p=document.querySelector("[data-path=\'header.number\'] .problem"); return p ? p.textContent : "no problem shown"', 'args': []})['value'])
    png = cmd('WebDriver:TakeScreenshot', {'full': False})['value']
    open(shot, 'wb').write(base64.b64decode(png))
finally:
    ff.terminate(); ff.wait()
