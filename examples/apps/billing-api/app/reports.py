"""Billing reports. Each view that the code scanner should report has a safe twin right after it."""
import subprocess

import yaml
from django.db import connection
from django.http import HttpResponse, JsonResponse

from .models import Invoice


def overdue_report(request):
    """VULNERABLE (secloop.sql-injection): the region is formatted into the SQL text."""
    region = request.GET.get("region", "EU")
    sql = "SELECT number, amount, due_date FROM billing_invoice WHERE paid = 0"
    sql += " AND region = '%s'" % region
    with connection.cursor() as cursor:
        cursor.execute(sql)
        rows = cursor.fetchall()
    return JsonResponse({"rows": rows})


def overdue_report_v2(request):
    """SAFE: the region is a query parameter."""
    region = request.GET.get("region", "EU")
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT number, amount, due_date FROM billing_invoice WHERE paid = 0 AND region = %s",
            [region],
        )
        rows = cursor.fetchall()
    return JsonResponse({"rows": rows})


def invoices_by_customer(request, customer_id):
    """VULNERABLE (secloop.sql-injection): an f-string inside Manager.raw."""
    invoices = Invoice.objects.raw(f"SELECT * FROM billing_invoice WHERE customer_id = {customer_id}")
    return JsonResponse({"numbers": [i.number for i in invoices]})


def invoices_by_customer_v2(request, customer_id):
    """SAFE: raw() with params."""
    invoices = Invoice.objects.raw("SELECT * FROM billing_invoice WHERE customer_id = %s", [customer_id])
    return JsonResponse({"numbers": [i.number for i in invoices]})


def export_pdf(request):
    """VULNERABLE (secloop.command-injection): the file name reaches a shell."""
    name = request.GET["name"]
    subprocess.run(f"wkhtmltopdf /srv/reports/{name}.html /tmp/{name}.pdf", shell=True, check=True)
    return HttpResponse(open(f"/tmp/{name}.pdf", "rb"), content_type="application/pdf")


def export_pdf_v2(request):
    """SAFE: an argument list and no shell."""
    name = request.GET["name"]
    subprocess.run(["wkhtmltopdf", f"/srv/reports/{name}.html", f"/tmp/{name}.pdf"], check=True)
    return HttpResponse(open(f"/tmp/{name}.pdf", "rb"), content_type="application/pdf")


def import_rates(request):
    """VULNERABLE (secloop.unsafe-yaml-load): an uploaded YAML file with the full loader."""
    rates = yaml.load(request.body, Loader=yaml.Loader)
    return JsonResponse({"currencies": sorted(rates)})


def import_rates_v2(request):
    """SAFE: safe_load builds only plain data."""
    rates = yaml.safe_load(request.body)
    return JsonResponse({"currencies": sorted(rates)})


def preview_total(request):
    """VULNERABLE (secloop.code-injection): a pricing expression from the request is evaluated."""
    total = eval(request.POST["expression"], {"__builtins__": {}})
    return JsonResponse({"total": total})


def preview_total_v2(request):
    """SAFE: only a number is accepted."""
    total = float(request.POST["amount"]) * 1.2
    return JsonResponse({"total": total})
