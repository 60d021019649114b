package armistice

import "strings"

// freeMail are the domains of free email providers: a lead from one says
// nothing about its company.
var freeMail = map[string]bool{
	"gmail.com": true, "googlemail.com": true, "yahoo.com": true, "yahoo.co.uk": true, "yahoo.es": true, "yahoo.fr": true,
	"hotmail.com": true, "hotmail.es": true, "hotmail.fr": true, "hotmail.co.uk": true, "outlook.com": true, "outlook.es": true,
	"live.com": true, "msn.com": true, "icloud.com": true, "me.com": true, "mac.com": true, "aol.com": true,
	"gmx.com": true, "gmx.de": true, "gmx.net": true, "web.de": true, "proton.me": true, "protonmail.com": true,
	"pm.me": true, "yandex.ru": true, "yandex.com": true, "mail.ru": true, "zoho.com": true, "qq.com": true,
	"163.com": true, "126.com": true, "mail.com": true, "fastmail.com": true, "tutanota.com": true, "hey.com": true,
	"free.fr": true, "orange.fr": true, "laposte.net": true, "libero.it": true, "t-online.de": true, "seznam.cz": true,
}

// CompanyDomain is the domain of an email address when it names a company:
// empty for a free-mail provider's or an address without one.
func CompanyDomain(email string) string {
	_, domain, ok := strings.Cut(strings.ToLower(strings.TrimSpace(email)), "@")
	if !ok || domain == "" || freeMail[domain] {
		return ""
	}
	return domain
}
